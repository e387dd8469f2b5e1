using Tessera.Training;

namespace Tessera.Tests.Training;

/// <summary>The worked example of docs/algorithms/bpe-training.md, whose merges and ids are Hugging Face tokenizers 0.23.2's on the same file.</summary>
public sealed class BpeTrainingExampleTests
{
    [Fact]
    public void TheDocumentsExampleGivesHuggingFacesMergesAndIds()
    {
        string file = Path.Combine(Path.GetTempPath(), $"tessera-bpe-example-{Guid.NewGuid():N}.txt");
        try
        {
            string[] lines = [.. Enumerable.Repeat("hug", 10), .. Enumerable.Repeat("pug", 5), .. Enumerable.Repeat("pun", 12),
                .. Enumerable.Repeat("bun", 4), .. Enumerable.Repeat("hugs", 5)];
            File.WriteAllText(file, string.Concat(lines.Select(l => l + "\n")));
            var counter = new ByteLevelPretokenCounter();
            TrainingCorpus.ForEachLine([file], counter.Add);
            Assert.Equal(36, counter.Counts["Ċ"]);
            TrainedBpe trained = new BpeTrainer(new BpeTrainerOptions()).Train(counter.Counts);
            Assert.Equal(["b", "g", "h", "n", "p", "s", "u", "Ċ", "ug", "un", "hug", "pun", "pug", "hugs", "bun"], trained.Vocabulary);
            Assert.Equal([("u", "g"), ("u", "n"), ("h", "ug"), ("p", "un"), ("p", "ug"), ("hug", "s"), ("b", "un")], trained.Merges);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
