/**
 * Structured agent logs: one JSON object per line (`ts`, `agent`, `level`, `event`, then fields), bigints as
 * decimal strings. Fields whose names look like secrets (keys, salts, passwords, mnemonics) are dropped, so an agent
 * cannot leak its key or a bid's salt into its logs by accident.
 */
import { stringifyDetails } from "../core/errors";

/** Log levels. */
export type LogLevel = "debug" | "info" | "warn" | "error";

/** A structured logger. */
export interface AgentLogger {
  log(level: LogLevel, event: string, fields?: Record<string, unknown>): void;
}

const SECRET = /(private.?key|secret|password|passphrase|mnemonic|salt|seed)/i;

/**
 * Removes secret-looking fields (recursively).
 *
 * @example
 * redact({ jobId: 1n, salt: "0x…" }); // { jobId: 1n }
 */
export function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === "object" && !(value instanceof Error)) {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([k]) => !SECRET.test(k))
        .map(([k, v]) => [k, redact(v)]),
    );
  }
  if (value instanceof Error) return { name: value.name, message: value.message.split("\n")[0] };
  return value;
}

/**
 * A logger writing JSON lines to `write` (default stdout).
 *
 * @example
 * const log = new JsonLineLogger("provider", (line) => process.stdout.write(line));
 * log.log("info", "bid.committed", { jobId: 1n, price: 10n ** 18n });
 */
export class JsonLineLogger implements AgentLogger {
  constructor(
    readonly agent: string,
    private readonly _write: (line: string) => void = (l) => process.stdout.write(l),
    private readonly _clock: () => string = () => new Date().toISOString(),
  ) {}

  log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
    const body = redact(fields) as Record<string, unknown>;
    this._write(stringifyDetails({ ts: this._clock(), agent: this.agent, level, event, ...body }) + "\n");
  }
}

/**
 * A logger that keeps the records in memory (tests).
 *
 * @example
 * const log = new MemoryLogger(); agent = new ProviderAgent({ ..., log }); log.events(); // ["bid.committed", …]
 */
export class MemoryLogger implements AgentLogger {
  readonly records: { level: LogLevel; event: string; fields: Record<string, unknown> }[] = [];
  readonly lines: string[] = [];
  private readonly _inner = new JsonLineLogger(
    "memory",
    (l) => this.lines.push(l),
    () => "t",
  );

  log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
    this.records.push({ level, event, fields: redact(fields) as Record<string, unknown> });
    this._inner.log(level, event, fields);
  }

  /** The event names, in order. */
  events(): string[] {
    return this.records.map((r) => r.event);
  }
}
