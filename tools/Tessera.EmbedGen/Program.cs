// Regenerates the embedded rank resources (src/Tessera/Resources/*.tkb) from the official .tiktoken files,
// which scripts/fetch-test-assets.sh fetches and checks against tiktoken's SHA-256 pins.
//   dotnet run --project tools/Tessera.EmbedGen -- .assets/tiktoken src/Tessera/Resources
using Tessera.Formats.Tiktoken;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: Tessera.EmbedGen TIKTOKEN_DIR RESOURCE_DIR");
    return 2;
}
foreach (TiktokenDefinition definition in TiktokenDefinition.All)
{
    string source = Path.Combine(args[0], definition.Name + ".tiktoken");
    byte[] packed = CompactRanks.Write(TiktokenFileReader.ReadFile(source));
    string target = Path.Combine(args[1], definition.Name + ".tkb");
    File.WriteAllBytes(target + ".tmp", packed);
    File.Move(target + ".tmp", target, overwrite: true);
    Console.WriteLine($"{target}: {packed.Length:N0} bytes from {new FileInfo(source).Length:N0}");
}
return 0;
