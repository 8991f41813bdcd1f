/** What kubectl writes after "created", "labeled"… for a dry run (PrintFlags.Complete's "%s (dry run)"). */
export const dryRunSuffix = (mode: 'client' | 'server' | undefined): string => (mode === 'client' ? ' (dry run)' : mode === 'server' ? ' (server dry run)' : '');
