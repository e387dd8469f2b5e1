using System.Runtime.CompilerServices;

namespace Tessera.Tests;

/// <summary>Where the tests find the repository, its golden files and the fetched assets.</summary>
internal static class TestPaths
{
    /// <summary>The folder holding Tessera.slnx.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Golden files copied next to the test assembly.</summary>
    public static string Goldens => Path.Combine(AppContext.BaseDirectory, "Goldens");

    /// <summary>An official .tiktoken file fetched by scripts/fetch-test-assets.sh (the README's test command runs it).</summary>
    public static string TiktokenAsset(string name)
    {
        string path = Path.Combine(RepositoryRoot, ".assets", "tiktoken", name + ".tiktoken");
        if (!File.Exists(path))
            throw new FileNotFoundException($"Test asset {path} is missing: run scripts/fetch-test-assets.sh first.", path);
        return path;
    }

    /// <summary>A real model's tokenizer.json fetched by scripts/fetch-test-assets.sh.</summary>
    public static string HuggingFaceAsset(string model)
    {
        string path = Path.Combine(RepositoryRoot, ".assets", "hf", model, "tokenizer.json");
        if (!File.Exists(path))
            throw new FileNotFoundException($"Test asset {path} is missing: run scripts/fetch-test-assets.sh first.", path);
        return path;
    }

    /// <summary>The path of the calling source file.</summary>
    public static string SourceFile([CallerFilePath] string path = "") => path;

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Tessera.slnx")))
                return dir.FullName;
        }
        throw new DirectoryNotFoundException("Tessera.slnx not found above " + AppContext.BaseDirectory);
    }
}
