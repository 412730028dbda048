using Backtrack.Secrets;

namespace Backtrack.Tests.Secrets;

public sealed class SecretNamesTests
{
    [Theory]
    [InlineData("DB_PASSWORD")]
    [InlineData("PGPASSWORD")]
    [InlineData("api_token")]
    [InlineData("API_KEY")]
    [InlineData("AWS_SECRET_ACCESS_KEY")]
    [InlineData("SENTRY_DSN")]
    [InlineData("BASIC_AUTH")]
    [InlineData("TLS_CERT")]
    [InlineData("PASSWORD_SALT")]
    [InlineData("GITHUBTOKEN")]
    [InlineData("dbPassword")]
    [InlineData("GOOGLE_APPLICATION_CREDENTIALS")]
    [InlineData("SSH_PRIVATE_KEY")]
    [InlineData("API_KEYS")]
    public void Names_that_mark_a_secret_are_recognised(string name) => Assert.True(SecretNames.IsSecret(name));

    [Theory]
    [InlineData("SERVICE_NAME")]
    [InlineData("APP_MODE")]
    [InlineData("AUTHOR")]
    [InlineData("MONKEY_COUNT")]
    [InlineData("PATH")]
    [InlineData("HOSTNAME")]
    [InlineData("LOG_LEVEL")]
    public void Ordinary_names_are_not(string name) => Assert.False(SecretNames.IsSecret(name));
}
