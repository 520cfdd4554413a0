using System.Text;

namespace PromptOptimizer.Tests.LocalSources;

/// <summary>A throw-away library folder and state directory for one test.</summary>
internal sealed class LibraryFolder : IDisposable
{
    public LibraryFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "po-local-" + Guid.NewGuid().ToString("N")[..10]);
        Library = Path.Combine(Root, "library");
        State = Path.Combine(Root, "state");
        Directory.CreateDirectory(Library);
    }

    public string Root { get; }

    public string Library { get; }

    public string State { get; }

    public string Write(string relative, string text) => Write(relative, Encoding.UTF8.GetBytes(text));

    public string Write(string relative, byte[] bytes)
    {
        var path = Path.Combine(Library, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>A PDF the reader cannot open without a password: the handbook with a standard security handler added to its trailer.</summary>
    public static byte[] EncryptedPdf()
    {
        var text = Encoding.Latin1.GetString(SampleLibrary.WritePdf(["Secret page about encryption keys."]));
        var trailer = text.LastIndexOf("trailer", StringComparison.Ordinal);
        var open = text.IndexOf("<<", trailer, StringComparison.Ordinal) + 2;
        const string Encrypt = " /Encrypt << /Filter /Standard /V 1 /R 2 /Length 40 /P -44" +
            " /O <0102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F20>" +
            " /U <2122232425262728292A2B2C2D2E2F303132333435363738393A3B3C3D3E3F40> >>" +
            " /ID [<0123456789ABCDEF0123456789ABCDEF> <0123456789ABCDEF0123456789ABCDEF>]";
        return Encoding.Latin1.GetBytes(text[..open] + Encrypt + text[open..]);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
