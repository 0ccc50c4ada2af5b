// Every test has its own emulator, home folder and tool processes, so two run side by side.
[assembly: Parallelize(Workers = 2, Scope = ExecutionScope.MethodLevel)]
