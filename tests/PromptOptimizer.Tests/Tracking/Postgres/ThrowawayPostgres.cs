using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace PromptOptimizer.Tests.Tracking.Postgres;

/// <summary>
/// A PostgreSQL server for tests in a fresh temp directory, on a free 127.0.0.1 port, with durability switched off
/// (nothing in it outlives the run). PostgreSQL refuses to run as root, so as root its binaries run as the system user
/// <c>postgres</c>, created if missing. A watchdog shell stops the server and removes the directory as soon as its
/// input pipe from this process closes: at <see cref="Stop"/>, or when the process dies without calling it (the test
/// host is killed once the run ends, sometimes before a process-exit handler has finished).
/// </summary>
internal sealed class ThrowawayPostgres
{
    private const string ServerUser = "postgres";
    private const string TestUser = "po_test";
    private static readonly TimeSpan CommandDeadline = TimeSpan.FromSeconds(90);

    private readonly string _bin;
    private readonly string _directory;
    private readonly bool _asRoot;
    private Process? _watchdog;
    private string _startOptions = "";

    private ThrowawayPostgres(string bin, string directory, bool asRoot)
    {
        _bin = bin;
        _directory = directory;
        _asRoot = asRoot;
    }

    /// <summary>The administrative connection string (database <c>postgres</c>, password authentication).</summary>
    public string ConnectionString { get; private set; } = "";

    private string DataDirectory => Path.Combine(_directory, "data");

    /// <summary>
    /// The directory holding <c>initdb</c>, <c>pg_ctl</c> and <c>postgres</c>: Debian's versioned directories newest
    /// first, then the directories on <c>PATH</c>; null when none has all three.
    /// </summary>
    public static string? FindBinaries()
    {
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .OrderByDescending(d => double.TryParse(Path.GetFileName(d), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : -1)
                .Select(d => Path.Combine(d, "bin"))
            : [];
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries);
        return versioned.Concat(onPath).FirstOrDefault(dir => new[] { "initdb", "pg_ctl", "postgres" }.All(b => IsFile(Path.Combine(dir, b))));
    }

    // File.Exists is also true for a link whose target is gone, as a removed package's links in /usr/local/bin are.
    private static bool IsFile(string path) =>
        new FileInfo(path) is { Exists: true } file && (file.LinkTarget is null || file.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true });

    /// <summary>Creates, starts and returns a server from the binaries in <paramref name="bin"/>; throws with the server's own words if it cannot.</summary>
    /// <param name="durableCommits">
    /// Whether a commit is acknowledged only once it is in the write-ahead log (<c>synchronous_commit</c>), so that it
    /// survives <see cref="StopImmediately"/>; off by default, as nothing in a test server outlives its process.
    /// </param>
    public static ThrowawayPostgres Start(string bin, bool durableCommits = false)
    {
        var asRoot = Environment.IsPrivilegedProcess;
        if (asRoot && Run(["id", "-u", ServerUser]).ExitCode != 0)
        {
            Check(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", ServerUser]);
        }

        // Created 0700: the password file inside is readable through it only by its owner (and root).
        var directory = Directory.CreateTempSubdirectory("prompt-optimizer-pg-").FullName;
        var server = new ThrowawayPostgres(bin, directory, asRoot);
        try
        {
            server.StartWatchdog();
            if (asRoot)
            {
                Check(["chown", ServerUser, directory]);
            }

            var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            var passwordFile = Path.Combine(directory, "pwfile");
            File.WriteAllText(passwordFile, password + "\n");
            server.CheckAsServerUser("initdb", "-D", server.DataDirectory, "-U", TestUser, "--pwfile=" + passwordFile,
                "--auth-local=trust", "--auth-host=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8");
            File.Delete(passwordFile);

            var port = FreePort();
            server._startOptions = $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit={(durableCommits ? "on" : "off")} "
                + "-c full_page_writes=off -c max_connections=300 -c shared_buffers=128MB";
            server.StartServer();

            server.ConnectionString = new NpgsqlConnectionStringBuilder
            {
                Host = "127.0.0.1", Port = port, Username = TestUser, Password = password, Database = "postgres",
            }.ConnectionString;
            return server;
        }
        catch
        {
            server.Stop();
            throw;
        }
    }

    /// <summary>
    /// Stops the server as a crash would (<c>pg_ctl stop -m immediate</c>: every connection is cut and no checkpoint is
    /// made); <see cref="StartAgain"/> brings it back on its port, through crash recovery.
    /// </summary>
    public void StopImmediately() => CheckAsServerUser("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "60", "stop");

    /// <summary>Starts the server again, on the port and with the settings it had, after <see cref="StopImmediately"/>.</summary>
    public void StartAgain() => StartServer();

    /// <summary>
    /// Stops the server at once (its data is disposable) and removes its directory, waiting (bounded) for the watchdog
    /// to report it done by closing its output; later calls do nothing.
    /// </summary>
    public void Stop()
    {
        if (Interlocked.Exchange(ref _watchdog, null) is not { } watchdog)
        {
            return;
        }

        watchdog.StandardInput.Close();
        watchdog.StandardOutput.ReadToEndAsync().Wait(CommandDeadline);
        watchdog.Dispose();
    }

    /// <summary>
    /// Starts the shell that cleans up after this server once its input reaches end of file, which the kernel also
    /// delivers when this process dies. It runs in its own session and, where <c>setsid</c> can fork, as no child of
    /// this process, so neither a Ctrl+C at the terminal nor killing this process's tree takes it down first.
    /// </summary>
    private void StartWatchdog()
    {
        const string Script = """
            exec 2>/dev/null
            dir=$1; shift
            cat >/dev/null
            [ -f "$dir/data/postmaster.pid" ] && "$@" -D "$dir/data" -m immediate -w -t 30 stop >/dev/null 2>&1
            rm -rf "$dir"
            """;
        string[] shell = ["sh", "-c", Script, "po-pg-watchdog", _directory, .. AsServerUser("pg_ctl")];
        var info = new ProcessStartInfo("setsid") { RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in (string[])["--fork", .. shell])
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            _watchdog = Process.Start(info)!;
        }
        catch (Win32Exception)
        {
            // No setsid (not Linux): a plain child shell still cleans up, unless its whole process tree is killed.
            info.FileName = shell[0];
            info.ArgumentList.Clear();
            foreach (var arg in shell[1..])
            {
                info.ArgumentList.Add(arg);
            }

            _watchdog = Process.Start(info)!;
        }
    }

    private void StartServer()
    {
        var log = Path.Combine(_directory, "server.log");
        var started = Run(AsServerUser("pg_ctl", "-D", DataDirectory, "-l", log, "-w", "-t", "60", "-o", _startOptions, "start"));
        if (started.ExitCode != 0)
        {
            throw new InvalidOperationException($"PostgreSQL did not start from {_bin}:\n{started.Output}\n{(File.Exists(log) ? File.ReadAllText(log) : "")}");
        }
    }

    private string[] AsServerUser(string program, params string[] args)
    {
        string[] command = [Path.Combine(_bin, program), .. args];
        return _asRoot ? ["runuser", "-u", ServerUser, "--", .. command] : command;
    }

    private void CheckAsServerUser(string program, params string[] args) => Check(AsServerUser(program, args));

    private static void Check(string[] command)
    {
        var (exitCode, output) = Run(command);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', command)} exited with {exitCode}:\n{output}");
        }
    }

    private static (int ExitCode, string Output) Run(string[] command)
    {
        var info = new ProcessStartInfo(command[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in command.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(CommandDeadline) || !Task.WaitAll([output, error], CommandDeadline))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{string.Join(' ', command)} did not finish within {CommandDeadline.TotalSeconds} s");
        }

        return (process.ExitCode, output.Result + error.Result);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
