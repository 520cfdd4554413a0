using System.Security.Cryptography;
using System.Text;

namespace PromptOptimizer.LocalSources;

/// <summary>
/// One indexed passage of a library file: a section of a note (split at headings and paragraphs) or a page of a PDF.
/// </summary>
/// <param name="File">The file's path relative to the library folder, forward slashes (<c>week3.md</c>).</param>
/// <param name="Anchor">Where in the file: a heading slug (<c>tls-handshake</c>), <c>page=12</c>, or empty for a file without headings.</param>
/// <param name="Title">A readable citation: the file and its heading or page (<c>week3.md › TLS handshake</c>).</param>
/// <param name="Hash">Lower-case hex SHA-256 of the file, anchor and text: the passage's identity in tracking.</param>
internal sealed record LocalPassage(string File, string Anchor, string Title, string Text, string Hash)
{
    /// <summary>The file and anchor as a source URL relative to the library (<c>handbook.pdf#page=12</c>).</summary>
    public string Citation => Anchor.Length == 0 ? File : File + "#" + Anchor;

    public static LocalPassage Create(string file, string anchor, string title, string text)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file + "\n" + anchor + "\n" + text)));
        return new LocalPassage(file, anchor, title, text, hash);
    }
}
