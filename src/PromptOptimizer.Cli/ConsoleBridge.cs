using PromptOptimizer.Cli.Rendering;
using System.Text;
using Spectre.Console;

namespace PromptOptimizer.Cli;

/// <summary>Lets System.CommandLine's help text go to the same console as everything else.</summary>
internal sealed class ConsoleBridge(IAnsiConsole console) : TextWriter
{
    private readonly StringBuilder _line = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            console.WriteRawLine(_line.ToString().TrimEnd('\r'));
            _line.Clear();
        }
        else
        {
            _line.Append(value);
        }
    }

    public override void Flush()
    {
        if (_line.Length > 0)
        {
            console.WriteRaw(_line.ToString());
            _line.Clear();
        }
    }

    protected override void Dispose(bool disposing)
    {
        Flush();
        base.Dispose(disposing);
    }
}
