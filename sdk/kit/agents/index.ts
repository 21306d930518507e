/**
 * `economy-kit/agents`: the provider and validator agents, the consumer's voucher stream, the loop runner and the
 * JSON-lines logger.
 */
export { ProviderAgent, errorFields } from "../../quiver/agents/provider";
export type { ProviderAgentOptions, ProviderTick, JobResult } from "../../quiver/agents/provider";
export { ValidatorAgent } from "../../quiver/agents/validator";
export type { ValidatorAgentOptions, ValidatorTick } from "../../quiver/agents/validator";
export { VoucherStream } from "../../quiver/agents/stream";
export { runLoop } from "./loop";
export type { LoopOptions, Tickable } from "./loop";
export { JsonLineLogger, MemoryLogger, redact } from "./log";
export type { AgentLogger, LogLevel } from "./log";
