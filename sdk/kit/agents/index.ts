/**
 * `economy-kit/agents`: the loop runner and the JSON-lines logger every economy's agents use (QUIVer's agents are in
 * `economy-kit/quiver`).
 */
export { runLoop } from "./loop";
export type { LoopOptions, Tickable } from "./loop";
export { JsonLineLogger, MemoryLogger, redact } from "./log";
export type { AgentLogger, LogLevel } from "./log";
export { runGuarded, errorNameOf } from "./races";
