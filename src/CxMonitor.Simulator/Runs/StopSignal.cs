using System.Runtime.InteropServices;

namespace CxMonitor.Simulator.Runs;

/// <summary>Turns Ctrl+C and SIGTERM into a cancellation, so a run can send what it has and print its summary.</summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly PosixSignalRegistration _sigterm;

    public StopSignal()
    {
        Console.CancelKeyPress += OnCancelKeyPress;
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            _stop.Cancel();
        });
    }

    public CancellationToken Token => _stop.Token;

    public void Dispose()
    {
        Console.CancelKeyPress -= OnCancelKeyPress;
        _sigterm.Dispose();
        _stop.Dispose();
    }

    private void OnCancelKeyPress(object? sender, ConsoleCancelEventArgs e)
    {
        // A second Ctrl+C while stopping is someone who does not want to wait: let it kill the process.
        if (_stop.IsCancellationRequested)
            return;
        e.Cancel = true;
        _stop.Cancel();
    }
}
