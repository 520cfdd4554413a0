using System.Text;

namespace PromptOptimizer.Export;

/// <summary>Kebab-case names of <see cref="QualityCheck"/> (<c>front-too-long</c>) for reports and JSON.</summary>
internal static class QualityCheckNames
{
    private static readonly Dictionary<QualityCheck, string> Names = Enum.GetValues<QualityCheck>().ToDictionary(c => c, Kebab);

    public static string NameOf(QualityCheck check) => Names.TryGetValue(check, out var name) ? name : Kebab(check);

    private static string Kebab(QualityCheck check)
    {
        var text = check.ToString();
        var builder = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsUpper(text[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(text[i]));
        }

        return builder.ToString();
    }
}
