using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace PromptOptimizer.Review;

/// <summary>
/// The page's files (HTML, script, styles, the chart library), embedded in the assembly and served from memory by
/// exact name: a request path never becomes a file path.
/// </summary>
internal static class StaticAssets
{
    private const string Prefix = "wwwroot/";

    private static readonly FrozenDictionary<string, (byte[] Bytes, string ContentType)> Files = Load();

    /// <summary>The pages by route; everything else is under <c>/assets/</c>.</summary>
    public static readonly FrozenDictionary<string, string> Pages = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["/"] = "runs.html",
        ["/cards"] = "cards.html",
        ["/failures"] = "failures.html",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static bool Exists(string name) => Files.ContainsKey(name);

    public static IResult Serve(string name) =>
        Files.TryGetValue(name, out var file) ? Results.Bytes(file.Bytes, file.ContentType) : Results.NotFound();

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = typeof(StaticAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[Prefix.Length..];
            files[name] = (copy.ToArray(), ContentTypeOf(name));
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "text/plain; charset=utf-8",
    };
}
