/** The repository's root directory. */
export declare const REPO_ROOT: string;
/** The packages (schemas, sdk, server, cli) whose dist/ is missing or older than their sources. */
export declare function stalePackages(): string[];
/** Runs `tsc -b tsconfig.build.json`. */
export declare function build(): void;
/** Builds when a package's build is missing or stale. */
export declare function ensureBuilt(label?: string): void;
/** {@link ensureBuilt} under a lock shared by parallel test processes. */
export declare function ensureBuiltShared(label?: string): Promise<void>;
