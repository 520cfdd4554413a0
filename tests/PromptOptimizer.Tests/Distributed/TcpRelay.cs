using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace PromptOptimizer.Tests.Distributed;

/// <summary>
/// A TCP relay the test puts between worker processes and the shared PostgreSQL server, to take the database away
/// from those workers alone: <see cref="Cut"/> resets every open connection and resets each new one at once until
/// <see cref="Restore"/>; the server itself (shared with tests running in parallel) never stops.
/// </summary>
internal sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly string _targetHost;
    private readonly int _targetPort;
    private Task _accepting = Task.CompletedTask;
    private volatile bool _cut;
    private int _refused;

    private TcpRelay(string targetHost, int targetPort)
    {
        _targetHost = targetHost;
        _targetPort = targetPort;
    }

    /// <summary>The local port to connect to instead of the server's.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Connections reset on arrival while cut: a worker that tried to reach the database during the outage.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public static TcpRelay Start(string targetHost, int targetPort)
    {
        var relay = new TcpRelay(targetHost, targetPort);
        relay._listener.Start();
        relay._accepting = relay.AcceptAsync();
        return relay;
    }

    /// <summary>Resets every connection through the relay and every new one until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        foreach (var socket in _open.Keys)
        {
            Reset(socket);
        }
    }

    public void Restore() => _cut = false;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Cut();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_cut)
            {
                Interlocked.Increment(ref _refused);
                Reset(client);
                continue;
            }

            _ = PipeAsync(client);
        }
    }

    private async Task PipeAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _open[client] = 0;
        _open[server] = 0;
        try
        {
            await server.ConnectAsync(_targetHost, _targetPort, _stop.Token);
            using var clientStream = new NetworkStream(client, ownsSocket: false);
            using var serverStream = new NetworkStream(server, ownsSocket: false);
            await Task.WhenAny(clientStream.CopyToAsync(serverStream, _stop.Token), serverStream.CopyToAsync(clientStream, _stop.Token));
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Cut, or one side went away: both are closed below.
        }
        finally
        {
            _open.TryRemove(client, out _);
            _open.TryRemove(server, out _);
            Reset(client);
            Reset(server);
        }
    }

    /// <summary>Closes with a reset (linger 0), as a crashed server or a broken network would, not a polite FIN.</summary>
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Dispose();
    }
}
