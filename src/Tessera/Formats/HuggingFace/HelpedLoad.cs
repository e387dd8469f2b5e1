using Tessera.Internal;

namespace Tessera.Formats.HuggingFace;

/// <summary>
/// The helper thread of a large tokenizer.json's load (<see cref="LoadHelper"/>) and the merges it reads ahead
/// (<see cref="MergesAhead"/>), started when the load first knows it will read the model: at once when no model image
/// is looked for, else once the lookup found none (a model mapped from its image needs neither, and a thread started
/// for nothing, reading the file beside the lookup's checksum, cost that path 5 ms).
/// </summary>
/// <param name="json">The file, pinned until <see cref="End"/>.</param>
/// <param name="length">Its length.</param>
internal sealed unsafe class HelpedLoad(byte* json, int length)
{
    /// <summary>A smaller file loads in less time than a thread takes to start.</summary>
    private const int From = 1 << 20;

    /// <summary>The helper, once started (null before, and for a small file).</summary>
    public LoadHelper? Helper { get; private set; }

    /// <summary>The merges read ahead on <see cref="Helper"/>, once started.</summary>
    public MergesAhead? Ahead { get; private set; }

    /// <summary>The parts before the model, read on <see cref="Helper"/> (<see cref="PartsAhead"/>), once started.</summary>
    public PartsAhead? Parts { get; private set; }

    /// <summary>
    /// Starts reading the parts met so far on the helper, and the added vocabulary of <paramref name="addedTokens"/>
    /// once the model's vocabulary is read, if the helper was started and they were not.
    /// </summary>
    public void ReadPartsAhead(Dictionary<string, Json.JsonTree> parts, List<AddedToken>? addedTokens, string file)
    {
        if (Helper is not null && Parts is null)
            Parts = new PartsAhead(parts, addedTokens, file, Helper);
    }

    /// <summary>Starts the helper and its read-ahead, for a large file, unless they are started already.</summary>
    public void Start()
    {
        if (Helper is not null || length < From)
            return;
        Helper = LoadHelper.Start();
        Ahead = new MergesAhead(json, length, Helper);
    }

    /// <summary>
    /// Waits until the read-ahead no longer reads the file, and lets the helper end once its work is done; the helper
    /// then disposes <paramref name="release"/> (the file's mapping), when there is a helper: returns whether it will.
    /// </summary>
    public bool End(IDisposable? release = null)
    {
        Ahead?.Wait();
        bool handedOver = false;
        if (release is not null && Helper is { } helper)
        {
            helper.Post(release.Dispose);
            handedOver = true;
        }
        Helper?.Complete();
        return handedOver;
    }
}
