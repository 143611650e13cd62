using Workflows.Cli;

return await CliApp.RunAsync(args, CliOutput.ForProcess());
