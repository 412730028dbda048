using System.Reflection;
using Backtrack.Configuration;
using Backtrack.Engine;
using Backtrack.FullSystem.Steps;
using Backtrack.Planning;
using Backtrack.Rollback.Steps;

namespace Backtrack.Tests.Planning;

public sealed class StepCatalogTests
{
    [Fact]
    public void Given_the_library_when_its_steps_are_listed_then_each_has_its_own_stable_kind()
    {
        var types = typeof(PlanStep).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(PlanStep)) && !t.IsAbstract).ToList();

        var kinds = types.Select(t => t.GetCustomAttribute<StepKindAttribute>()?.Name).ToList();

        Assert.DoesNotContain(null, kinds);
        Assert.Equal(kinds.Count, kinds.Distinct().Count());
        Assert.All(types, t => Assert.Contains(StepCatalog.KindOf(t), StepCatalog.AllKinds));
    }

    [Fact]
    public void Given_a_step_with_a_spec_when_journaled_then_env_values_stay_out_of_its_parameters_and_it_reads_back_equal()
    {
        var spec = new ContainerSpec
        {
            Image = "shop/web:v1",
            Env = ["API_TOKEN=s3cr&t<'\"", "SERVICE_NAME=api"],
            HostConfigJson = "{}",
            Networks = [new NetworkAttachment("shop_default", ["web"], null)],
        };
        var step = new CreateContainerStep(1, "web", "shop-web-1.bt-new", spec);
        var vault = new Dictionary<string, string>();

        var parameters = StepCatalog.Serialize(step, vault);
        var back = (CreateContainerStep)StepCatalog.Deserialize("container.create", parameters, vault);

        Assert.DoesNotContain("s3cr", parameters, StringComparison.Ordinal);
        Assert.Contains("sha256:", parameters, StringComparison.Ordinal);
        Assert.Equal(step.Name, back.Name);
        Assert.Equal(spec.Env, back.Spec.Env);
        Assert.Equal(spec.Networks[0].Aliases, back.Spec.Networks[0].Aliases);
    }

    [Fact]
    public void Given_a_step_wrapping_another_when_journaled_then_the_inner_step_reads_back_with_its_kind()
    {
        var inner = new HealthGateStep(3, "web", "shop-web-1", new HttpHealthCheck(new Uri("http://127.0.0.1:8080/health")), TimeSpan.FromSeconds(30));
        var vault = new Dictionary<string, string>();

        var back = (ForwardOnlyStep)StepCatalog.Deserialize("full.forward-only", StepCatalog.Serialize(new ForwardOnlyStep(inner), vault), vault);

        Assert.Equal(inner, back.Inner);
        Assert.Equal("health.gate", back.Inner.Kind);
    }

    [Fact]
    public void Given_a_database_step_journaled_with_the_container_name_it_no_longer_keeps_when_read_then_it_reads_back()
    {
        var step = new Backtrack.Databases.Steps.SwapDatabaseStep(3, "postgres", "shop", "shop__bt_staging", "shop__bt_old_1");
        var vault = new Dictionary<string, string>();
        var older = "{\"container\":\"shop-postgres-1\"," + StepCatalog.Serialize(step, vault)[1..];

        Assert.Equal(step, StepCatalog.Deserialize("postgres.swap", older, vault));
    }

    [Fact]
    public void Given_an_unknown_kind_when_read_then_the_error_names_it()
    {
        var error = Assert.Throws<BacktrackException>(() => StepCatalog.Deserialize("no.such-kind", "{}", new Dictionary<string, string>()));

        Assert.Contains("no.such-kind", error.Message, StringComparison.Ordinal);
    }
}
