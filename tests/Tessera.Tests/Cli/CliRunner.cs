using System.Diagnostics;
using System.Text;

namespace Tessera.Tests.Cli;

/// <summary>How the command is run: its build output under <c>dotnet</c>, the ahead-of-time native executable, or the repository's <c>tessera</c> script (the README's first command).</summary>
public enum CliHost
{
    Dotnet,
    Native,
    Script,
}

/// <summary>Runs the built <c>tessera</c> command as a separate process, as a user would.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr);

    /// <summary>The CLI's build output, in the configuration the tests were built in.</summary>
    private static string CliAssembly()
    {
        string configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        string path = Path.Combine(TestPaths.RepositoryRoot, "src", "Tessera.Cli", "bin", configuration, "net10.0", "tessera.dll");
        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException("The CLI is not built", path);
    }

    /// <summary>The ahead-of-time build of the CLI, made by scripts/build-native.sh (the README's test command runs it).</summary>
    private static string NativeExecutable()
    {
        string path = Path.Combine(TestPaths.RepositoryRoot, "artifacts", "native", "tessera");
        return System.IO.File.Exists(path) ? path : throw new FileNotFoundException("The native CLI is not built: run scripts/build-native.sh", path);
    }

    public static Result Run(params string[] args) => Run(CliHost.Dotnet, stdin: null, args);

    public static Result Run(byte[]? stdin, params string[] args) => Run(CliHost.Dotnet, stdin, args);

    public static Result Run(CliHost host, params string[] args) => Run(host, stdin: null, args);

    public static Result Run(CliHost host, byte[]? stdin, params string[] args)
    {
        string program = host switch
        {
            CliHost.Native => NativeExecutable(),
            CliHost.Script => Path.Combine(TestPaths.RepositoryRoot, "tessera"),
            _ => "dotnet",
        };
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        if (host == CliHost.Dotnet)
            start.ArgumentList.Add(CliAssembly());
        foreach (string arg in args) start.ArgumentList.Add(arg);
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null)
                process.StandardInput.BaseStream.Write(stdin);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The child closed its input before taking all of it (it may end before reading, as on bad arguments): a
            // broken pipe here says nothing about the command; its exit code and output below do.
        }
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("tessera " + string.Join(' ', args));
        }
        return new Result(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>A temporary file with the given bytes, deleted with the returned handle.</summary>
    public static TempFile File(byte[] content) => new(content);

    public sealed class TempFile : IDisposable
    {
        public TempFile(byte[] content)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tessera-cli-" + Guid.NewGuid().ToString("N") + ".txt");
            System.IO.File.WriteAllBytes(Path, content);
        }

        public string Path { get; }

        public void Dispose() => System.IO.File.Delete(Path);
    }
}
