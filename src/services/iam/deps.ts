// What IAM's handlers need: the state (memory + store) and a clock.
import type { IamState } from './state.js';

export interface IamDeps {
  state: IamState;
  /** ms since the epoch; injectable for tests. */
  now(): number;
}
