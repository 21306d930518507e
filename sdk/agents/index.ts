/**
 * `economy-kit/agents`: the provider and validator agents, the consumer's voucher stream, the loop runner and the
 * JSON-lines logger.
 */
export { ProviderAgent, errorFields } from "./provider";
export type { ProviderAgentOptions, ProviderTick, JobResult } from "./provider";
export { ValidatorAgent } from "./validator";
export type { ValidatorAgentOptions, ValidatorTick } from "./validator";
export { VoucherStream } from "./stream";
export { runLoop } from "./loop";
export type { LoopOptions, Tickable } from "./loop";
export { JsonLineLogger, MemoryLogger, redact } from "./log";
export type { AgentLogger, LogLevel } from "./log";
