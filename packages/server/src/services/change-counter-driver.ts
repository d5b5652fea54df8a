/** Storage port for the shared counter of changes that invalidate cached identity data. */
export interface ChangeCounterDriver {
  bump(): Promise<void>;
  read(): Promise<number>;
}
