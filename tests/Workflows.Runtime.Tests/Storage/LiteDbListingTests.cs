using Workflows.Storage;
using Workflows.Storage.LiteDb;

namespace Workflows.Runtime.Tests.Storage;

/// <summary>LiteDB's listing paths: a common status by the creation index, a rare one by the status index, both newest first.</summary>
public sealed class LiteDbListingTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "workflows-listing-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory()
    {
        try { Directory.Delete(_directory, recursive: true); } catch (IOException) { }
    }

    [Test]
    public async Task A_common_and_a_rare_status_page_newest_first_with_equal_creation_times_split_by_id()
    {
        await using var store = LiteDbCheckpointStore.Open(Path.Combine(_directory, "list.db"));
        var start = new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        var all = new List<InstanceRecord>();
        for (var i = 0; i < 2_500; i++)
        {
            // Pairs share a creation time, so pages must order ties by ID; every 1,000th instance failed.
            all.Add(new InstanceRecord
            {
                InstanceId = $"i-{i:D5}",
                WorkflowName = i % 2 == 0 ? "Even" : "Odd",
                Status = i % 1_000 == 7 ? WorkflowStatus.Failed : WorkflowStatus.Completed,
                CreatedAt = start.AddSeconds(i / 2),
                UpdatedAt = start,
            });
        }
        await store.CommitAsync([.. all.Select(r => new CreateInstance(r, ReplaceTerminal: false))]);

        foreach (var query in new[]
        {
            new InstanceQuery { Status = WorkflowStatus.Completed, Limit = 70 },
            new InstanceQuery { Status = WorkflowStatus.Failed, Limit = 2 },
            new InstanceQuery { WorkflowName = "Odd", Limit = 333 },
            new InstanceQuery { Limit = 1_000, CreatedBefore = start.AddSeconds(900) },
        })
        {
            var expected = all.Where(query.Matches).ToList();
            expected.Sort(InstanceCursor.NewestFirst);
            var listed = new List<string>();
            for (var page = await store.QueryInstancesAsync(query); ; page = await store.QueryInstancesAsync(query with { After = page.Next }))
            {
                Assert.That(page.Instances, Has.Count.LessThanOrEqualTo(query.Limit));
                listed.AddRange(page.Instances.Select(i => i.InstanceId));
                if (page.Next is null) break;
            }
            Assert.That(listed, Is.EqualTo(expected.Select(i => i.InstanceId)), $"{query.Status} {query.WorkflowName}");
        }
    }
}
