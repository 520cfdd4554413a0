using System.Text;

namespace PromptOptimizer.Validation;

/// <summary>One broken rule, phrased so it can be pasted into a retry prompt.</summary>
/// <param name="Rule">One of the <see cref="ValidationRules"/> names.</param>
internal sealed record ValidationIssue(string Rule, string Message)
{
    public override string ToString() => $"[{Rule}] {Message}";

    /// <summary>The issues as a bullet list for the retry prompt, one <c>- [rule] message</c> line each.</summary>
    public static string ToFeedback(IEnumerable<ValidationIssue> issues)
    {
        ArgumentNullException.ThrowIfNull(issues);
        var builder = new StringBuilder();
        foreach (var issue in issues)
        {
            if (builder.Length > 0)
            {
                builder.Append('\n');
            }

            builder.Append("- ").Append(issue);
        }

        return builder.ToString();
    }
}
