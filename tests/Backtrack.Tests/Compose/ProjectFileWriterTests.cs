using Backtrack.Compose;

namespace Backtrack.Tests.Compose;

public sealed class ProjectFileWriterTests : TemporaryFolder
{
    [Fact]
    public async Task Given_an_existing_file_when_written_or_copied_over_then_its_mode_is_kept_and_no_temporary_file_stays()
    {
        var target = Path.Combine(Root, ".env");
        await File.WriteAllTextAsync(target, "A=1\n");
        File.SetUnixFileMode(target, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var source = Path.Combine(Root, "saved.env");
        await File.WriteAllTextAsync(source, "A=3\n");

        await ProjectFileWriter.WriteAsync(target, "A=2\n", CancellationToken.None);
        Assert.Equal("A=2\n", await File.ReadAllTextAsync(target));
        ProjectFileWriter.CopyOver(source, target);

        Assert.Equal("A=3\n", await File.ReadAllTextAsync(target));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(target));
        Assert.Equal(2, Directory.GetFiles(Root).Length);
    }

    [Fact]
    public async Task Given_no_file_when_written_then_it_is_created_0600()
    {
        var target = Path.Combine(Root, "new.env");

        await ProjectFileWriter.WriteAsync(target, "SECRET=x\n", CancellationToken.None);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));
    }
}
