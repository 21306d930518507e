/**
 * `kit agent caesar-processor`: the CAESAR processing agent (sdk/caesar/agents) against the network, reading signed
 * authorizations (JSON lines, `kit caesar authorize` output) from a queue file or a queue directory it re-reads
 * every tick, or from stdin; JSON-line logs on stdout. Added to the `agent` group when another preset registered it (QUIVer does),
 * else it creates the group.
 */
import type { Command } from "commander";
import { runAgentCommand } from "../../cli/agentLoop";
import { InvalidArgumentError } from "../../kit/core";
import { JsonLineLogger } from "../../kit/agents";
import { isDirectory, listFiles, readTextFile } from "../../kit/node/store";
import type { CliContext } from "../../cli/context";
import { uintArg } from "../../cli/helpers";
import { CaesarProcessorAgent, type AuthorizationSource, type SignedAuthorization } from "..";
import { caesarFor, parseAuthorizations } from "./caesar";

/**
 * A queue file of JSON lines, re-read on every call (a payer or a front end appends to it). A missing or empty file
 * is an empty queue; a bad line is logged once and ignored.
 */
export class QueueFileSource implements AuthorizationSource {
  private readonly bad = new Set<number>();
  constructor(
    readonly file: string,
    private readonly onBadLine: (line: number, message: string) => void = () => undefined,
  ) {}
  async pending(): Promise<readonly SignedAuthorization[]> {
    let text: string;
    try {
      text = readTextFile(this.file, "queue file");
    } catch (e) {
      if (e instanceof InvalidArgumentError) return []; // not created yet
      throw e;
    }
    const out: SignedAuthorization[] = [];
    text.split("\n").forEach((line, i) => {
      if (line.trim() === "") return;
      try {
        out.push(...parseAuthorizations(line, `${this.file}`));
      } catch (e) {
        if (!this.bad.has(i)) this.onBadLine(i + 1, (e as Error).message.split("\n")[0]);
        this.bad.add(i);
      }
    });
    return out;
  }
}

/**
 * A queue directory: every `*.jsonl` / `*.json` file in it (JSON lines, or one authorization per file), re-read on
 * every call in name order, so a payer or a front end drops one file per payment. Each file keeps its own
 * bad-line memory; a file removed from the directory is forgotten.
 */
export class QueueDirectorySource implements AuthorizationSource {
  private readonly files = new Map<string, QueueFileSource>();
  constructor(
    readonly dir: string,
    private readonly onBadLine: (file: string, line: number, message: string) => void = () => undefined,
  ) {}
  async pending(): Promise<readonly SignedAuthorization[]> {
    const present = listFiles(this.dir, [".jsonl", ".json"]);
    for (const f of [...this.files.keys()]) if (!present.includes(f)) this.files.delete(f);
    const out: SignedAuthorization[] = [];
    for (const f of present) {
      let source = this.files.get(f);
      if (!source) {
        source = new QueueFileSource(f, (line, message) => this.onBadLine(f, line, message));
        this.files.set(f, source);
      }
      out.push(...(await source.pending()));
    }
    return out;
  }
}

/** Authorizations arriving on a stream of JSON lines (stdin). */
export class StreamSource implements AuthorizationSource {
  private readonly items: SignedAuthorization[] = [];
  private rest = "";
  constructor(
    stream: NodeJS.ReadableStream,
    private readonly onBadLine: (message: string) => void = () => undefined,
  ) {
    stream.setEncoding?.("utf8");
    stream.on("data", (chunk: string) => this.feed(chunk));
  }
  /** Adds text (whole lines are parsed, a partial last line waits for the rest). */
  feed(chunk: string): void {
    const lines = (this.rest + chunk).split("\n");
    this.rest = lines.pop() ?? "";
    for (const l of lines) {
      if (l.trim() === "") continue;
      try {
        this.items.push(...parseAuthorizations(l, "stdin"));
      } catch (e) {
        this.onBadLine((e as Error).message.split("\n")[0]);
      }
    }
  }
  async pending(): Promise<readonly SignedAuthorization[]> {
    return [...this.items];
  }
}

interface ProcessorOpts {
  queue?: string;
  stdin?: boolean;
  once?: boolean;
  interval: string;
  ticks?: string;
  maxBatch: string;
  claim: boolean;
}

/** Adds `caesar-processor` to `kit agent`. */
export function registerCaesarAgent(program: Command, ctx: () => CliContext): void {
  const agent =
    program.commands.find((c) => c.name() === "agent") ??
    program.command("agent").description("run an agent (structured JSON logs on stdout)");
  agent
    .command("caesar-processor")
    .description("relay signed CAESAR authorizations in batches (checked off-chain first) and claim epoch rewards")
    .option(
      "--queue <file|dir>",
      "queue of authorizations, re-read every tick: a JSON-lines file, or a directory of *.jsonl / *.json files",
    )
    .option("--stdin", "read authorizations as JSON lines from stdin")
    .option("--once", "run one tick and exit")
    .option("--interval <seconds>", "seconds between ticks", "5")
    .option("--ticks <n>", "stop after this many ticks")
    .option("--max-batch <n>", "most authorizations per transaction", "50")
    .option("--no-claim", "do not claim epoch rewards")
    .action(async (opts: ProcessorOpts) => {
      const c = ctx();
      if ((opts.queue === undefined) === !opts.stdin) {
        throw new InvalidArgumentError("give exactly one of --queue <file|dir> and --stdin");
      }
      const maxBatch = Number(uintArg(opts.maxBatch, "max-batch"));
      if (maxBatch < 1 || maxBatch > 500) throw new InvalidArgumentError(`max-batch must be 1..500, not ${maxBatch}`);
      const log = new JsonLineLogger("caesar-processor", (l) => c.io.stdout(l));
      const source: AuthorizationSource =
        opts.queue === undefined
          ? new StreamSource(process.stdin, (message) => log.log("warn", "queue.bad_line", { message }))
          : isDirectory(opts.queue)
            ? new QueueDirectorySource(opts.queue, (file, line, message) =>
                log.log("warn", "queue.bad_line", { file, line, message }),
              )
            : new QueueFileSource(opts.queue, (line, message) => log.log("warn", "queue.bad_line", { line, message }));
      const signer = await c.signer();
      const { contracts, expected } = await caesarFor(c, false);
      const a = new CaesarProcessorAgent({ signer, contracts, expected, source, log, maxBatch, claim: opts.claim });
      log.log("info", "agent.started", {
        agent: await signer.getAddress(),
        chainId: expected.chainId,
        processor: expected.verifyingContract,
        once: Boolean(opts.once),
      });
      await runAgentCommand(c, a, log, opts);
    });
}
