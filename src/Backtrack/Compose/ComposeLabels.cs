namespace Backtrack.Compose;

/// <summary>The labels Compose (v1 and v2) puts on the containers it creates.</summary>
public static class ComposeLabels
{
    public const string Project = "com.docker.compose.project";
    public const string Service = "com.docker.compose.service";
    public const string DependsOn = "com.docker.compose.depends_on";
    public const string ConfigFiles = "com.docker.compose.project.config_files";
    public const string WorkingDir = "com.docker.compose.project.working_dir";
    public const string OneOff = "com.docker.compose.oneoff";
}
