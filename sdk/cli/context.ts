/**
 * What every CLI command shares: the network and provider, the key, the address book and the output.
 */
import { JsonRpcProvider, Wallet, type Provider, type Signer } from "ethers";
import type { SingleBar } from "cli-progress";
import { InvalidArgumentError, KitError, stringifyDetails, type KitErrorOptions } from "../kit/core";
import { addressOf, readErc20Meta, type AddressBook } from "../kit/chain";
import { findPreset, listPresets, tokenPresetOf, type Preset } from "../kit/preset";
import { deployedEconomies, loadAddressBook } from "../kit/node/addressBookFile";
import { deploymentsDir } from "../kit/node/root";
import { readTextFile } from "../kit/node/store";

/** Where the CLI writes and what it can read; injected by tests. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** True when stderr is a terminal (animated progress). */
  readonly isTTY: boolean;
  /** Asks for the keystore password; the default prompts on the terminal. */
  readonly promptPassword?: (message: string) => Promise<string>;
  /** Test hook: a provider for the selected network instead of a JSON-RPC connection. */
  readonly provider?: Provider;
}

/** Global options (`--network`, `--rpc-url`, `--json`, ...). */
export interface GlobalOptions {
  network?: string;
  rpcUrl?: string;
  json?: boolean;
  keystore?: string;
  deployments?: string;
  addressBook?: string;
  economy?: string;
}

/** Environment variable naming the economy the shared commands (gov, params, token, treasury, status) act on. */
export const ECONOMY_ENV = "KIT_ECONOMY";

/** A known network: its default URL (or the env variables that hold it) and its chain id. */
interface NetworkSpec {
  readonly url?: string;
  readonly urlEnv?: readonly string[];
  readonly chainId: bigint;
}

/** Networks the CLI knows by name; `--rpc-url` reaches any other. */
export const NETWORKS: Readonly<Record<string, NetworkSpec>> = {
  localhost: { url: "http://127.0.0.1:8545", chainId: 31337n },
  sepolia: { urlEnv: ["SEPOLIA_RPC_URL", "HARDHAT_VAR_SEPOLIA_RPC_URL"], chainId: 11155111n },
};

/** Environment variable holding a hex private key. */
export const PRIVATE_KEY_ENV = "KIT_PRIVATE_KEY";
/** Environment variable holding the keystore password (otherwise it is prompted for). */
export const KEYSTORE_PASSWORD_ENV = "KIT_KEYSTORE_PASSWORD";

/** The address book names contracts that have no code on the chain the CLI talks to. */
export class StaleDeploymentError extends KitError {
  constructor(shortMessage: string, options: KitErrorOptions = {}) {
    super(shortMessage, options);
    this.name = "StaleDeploymentError";
  }
}

/** An ERC-20 of the selected economy: its SDK key, address and own metadata. */
export interface TokenRef {
  readonly preset: string;
  readonly key: string;
  readonly address: string;
  readonly name: string;
  readonly symbol: string;
  readonly decimals: number;
}

/** Per-invocation state shared by the commands. */
export class CliContext {
  private _provider: Provider | undefined;
  private _signer: Signer | undefined;
  private _rpcUrl: string | undefined;
  private _book: Promise<AddressBook> | undefined;
  private _commandEconomy: string | undefined;

  constructor(
    readonly io: CliIO,
    readonly options: GlobalOptions,
  ) {}

  /** Name of the selected network (`localhost` by default, `custom` for a bare `--rpc-url`). */
  get networkName(): string {
    return this.options.network ?? (this.options.rpcUrl ? "custom" : "localhost");
  }

  /** The selected network's spec; throws for an unknown `--network`. */
  checkNetwork(): NetworkSpec | undefined {
    const spec = NETWORKS[this.networkName];
    if (this.options.network && !spec) {
      throw new InvalidArgumentError(
        `unknown network "${this.networkName}" (known: ${Object.keys(NETWORKS).join(", ")}; or pass --rpc-url)`,
      );
    }
    return spec;
  }

  /** The JSON-RPC URL of the selected network. */
  rpcUrl(): string {
    if (this._rpcUrl) return this._rpcUrl;
    const name = this.networkName;
    const spec = this.checkNetwork();
    const url = this.options.rpcUrl ?? spec?.url ?? spec?.urlEnv?.map((v) => this.io.env[v]).find((v) => v);
    if (!url) {
      throw new InvalidArgumentError(
        `no RPC URL for ${name}: pass --rpc-url or set ${spec?.urlEnv?.join(" / ") ?? "--rpc-url"}`,
      );
    }
    if (!/^(https?|wss?):\/\//.test(url)) throw new InvalidArgumentError(`not an http(s)/ws(s) URL: "${url}"`);
    this._rpcUrl = url;
    return url;
  }

  /** The provider, checked against the network's chain id. */
  async provider(): Promise<Provider> {
    if (this._provider) return this._provider;
    this.checkNetwork();
    if (this.io.provider) {
      this._provider = this.io.provider;
      return this._provider;
    }
    const url = this.rpcUrl();
    const provider = new JsonRpcProvider(url, undefined, {
      staticNetwork: true,
      batchMaxCount: 1,
      cacheTimeout: -1, // read-after-write: no stale balances right after a transaction
    });
    let chainId: bigint;
    try {
      chainId = (await provider.getNetwork()).chainId;
    } catch (cause) {
      provider.destroy();
      throw new KitError(`cannot reach ${this.networkName} at ${url}`, { cause });
    }
    const expected = NETWORKS[this.networkName]?.chainId;
    if (this.options.network && expected !== undefined && expected !== chainId && this.networkName !== "localhost") {
      provider.destroy();
      throw new InvalidArgumentError(`${url} serves chain ${chainId}, not ${this.networkName} (${expected})`);
    }
    this._provider = provider;
    return provider;
  }

  async chainId(): Promise<bigint> {
    return (await (await this.provider()).getNetwork()).chainId;
  }

  /** True when a key source is configured. */
  hasKey(): boolean {
    return Boolean(this.options.keystore || this.io.env[PRIVATE_KEY_ENV]);
  }

  /** The local wallet from the keystore or `KIT_PRIVATE_KEY`, unconnected. Never prints the key. */
  async wallet(): Promise<Wallet> {
    if (this.options.keystore) {
      const file = this.options.keystore;
      const json = readTextFile(file, "keystore");
      const password =
        this.io.env[KEYSTORE_PASSWORD_ENV] ??
        (await (this.io.promptPassword ?? promptPassword)(`Password for ${file}`));
      try {
        return (await Wallet.fromEncryptedJson(json, password)) as Wallet;
      } catch {
        throw new InvalidArgumentError(`cannot decrypt keystore ${file} (wrong password or not an ethers keystore)`);
      }
    }
    const key = this.io.env[PRIVATE_KEY_ENV];
    if (!key) {
      throw new InvalidArgumentError(`this command signs: set ${PRIVATE_KEY_ENV} or pass --keystore <file>`);
    }
    try {
      return new Wallet(key.startsWith("0x") ? key : `0x${key}`);
    } catch {
      // Deliberately no detail: the message must not echo any part of the key.
      throw new InvalidArgumentError(`${PRIVATE_KEY_ENV} is not a valid 32-byte hex private key`);
    }
  }

  /** The wallet connected to the provider. */
  async signer(): Promise<Signer> {
    if (!this._signer) this._signer = (await this.wallet()).connect(await this.provider());
    return this._signer;
  }

  /**
   * Records the economy whose command group is running (`kit job ...` is QUIVer's): its deployment is the one read
   * (see {@link CliContext.economy}). Called by the CLI before each action.
   */
  setCommandEconomy(name: string | undefined): void {
    this._commandEconomy = name;
  }

  /**
   * The economy the command acts on: an economy's own command (`kit job …` is QUIVer's) acts on that economy (an
   * `--economy` naming another is refused; `KIT_ECONOMY` does not apply); a shared command (token, gov, params,
   * treasury, status) on `--economy`, else `KIT_ECONOMY`, else `undefined` (then the only economy deployed on the
   * chain is used). Throws {@link InvalidArgumentError} for a name no preset has.
   */
  economy(): Preset | undefined {
    const explicit = this.options.economy || undefined;
    const own = this._commandEconomy;
    if (own !== undefined) {
      if (explicit !== undefined && explicit !== own) {
        findPreset(explicit); // an unknown name gets that error first
        throw new InvalidArgumentError(
          `this is a ${own} command: it acts on ${own}'s deployment, not ${explicit}'s (drop --economy ${explicit})`,
          { details: { economy: explicit, commandEconomy: own } },
        );
      }
      return findPreset(own);
    }
    const name = explicit ?? this.io.env[ECONOMY_ENV];
    return name === undefined || name === "" ? undefined : findPreset(name);
  }

  /** The economies with a deployment on this chain in the deployments directory (names, sorted). */
  async deployedEconomies(): Promise<string[]> {
    return deployedEconomies(await this.chainId(), this.deploymentsDir());
  }

  /**
   * The address book of the economy the command acts on (see {@link CliContext.economy}; from `--address-book`, else
   * that economy's Ignition deployment on the chain), checked once per invocation: every contract it names must have
   * code on this chain (see {@link CliContext.checkDeployed}).
   */
  addressBook(): Promise<AddressBook> {
    this._book ??= this.readAddressBook().then(async (book) => {
      await this.checkDeployed(book);
      return book;
    });
    return this._book;
  }

  /** The checked address book of a named economy's deployment on this chain (`kit status` over several economies). */
  async addressBookOf(economy: string): Promise<AddressBook> {
    findPreset(economy);
    const book = loadAddressBook({ chainId: await this.chainId(), deploymentsDir: this.deploymentsDir(), economy });
    await this.checkDeployed(book);
    return book;
  }

  private async readAddressBook(): Promise<AddressBook> {
    const chainId = await this.chainId();
    if (this.options.addressBook) {
      const file = this.options.addressBook;
      const text = readTextFile(file, "address book");
      let override: Record<string, string>;
      try {
        override = JSON.parse(text) as Record<string, string>;
      } catch (cause) {
        throw new InvalidArgumentError(`cannot parse address book ${file}`, { cause });
      }
      const economy = this.economy()?.name;
      const book = loadAddressBook({ chainId, deploymentsDir: "/nonexistent", override });
      return { ...book, source: file, ...(economy ? { economy } : {}) };
    }
    return loadAddressBook({ chainId, deploymentsDir: this.deploymentsDir(), economy: this.economy()?.name });
  }

  /**
   * Throws a {@link StaleDeploymentError} when a contract of `book` has no code on this chain (a node restarted or
   * reset since the deployment, or the address book of another chain): no command may report success against an
   * address with no code, nor fail later with "could not decode result data".
   */
  async checkDeployed(book: AddressBook): Promise<void> {
    const provider = await this.provider();
    const entries = Object.entries(book.contracts);
    const sizes = await codeSizes(
      provider,
      entries.map(([, address]) => address),
    );
    const missing = entries.filter((_, i) => sizes[i] === 0n);
    if (missing.length === 0) return;
    const preset = book.economy
      ? findPreset(book.economy)
      : listPresets().find((p) => Object.values(p.ids).some((id) => id in book.contracts));
    const redeploy = `kit deploy${preset ? ` ${preset.name}` : ""} --reset`;
    const fix = this.options.addressBook
      ? `update ${book.source} or redeploy (\`${redeploy}\`)`
      : `redeploy (\`${redeploy}\`) or point --deployments / --address-book at this chain's deployment`;
    const shown = missing
      .slice(0, 2)
      .map(([id, a]) => `${id} at ${a}`)
      .join(", ");
    throw new StaleDeploymentError(
      `stale deployment: ${missing.length} of ${entries.length} contracts of ${book.source} have no code on chain ` +
        `${book.chainId} (${shown}${missing.length > 2 ? ", …" : ""}); the node was restarted or reset since it was ` +
        `deployed, or the book is another chain's: ${fix}`,
      { details: { source: book.source, chainId: book.chainId, missing: Object.fromEntries(missing), fix } },
    );
  }

  /** The Ignition deployments directory: `--deployments`, else `$KIT_DEPLOYMENTS_DIR`, else `<repo>/deploy/deployments`. */
  deploymentsDir(): string {
    return deploymentsDir(this.options.deployments, this.io.env);
  }

  /** Prints a result: `--json` as one JSON document, otherwise `text(result)` lines. */
  /**
   * The main token of the deployment: its address and the symbol its preset declares (the first registered preset
   * whose token is in the address book). Throws {@link InvalidArgumentError} when no preset's token is deployed.
   */
  async token(): Promise<{ preset: string; address: string; symbol: string }> {
    const book = await this.addressBook();
    const preset = book.economy ? findPreset(book.economy) : tokenPresetOf(book);
    if (!preset) {
      throw new InvalidArgumentError(`the deployment on chain ${book.chainId} holds no preset's token`, {
        details: { known: Object.keys(book.contracts) },
      });
    }
    return { preset: preset.name, address: addressOf(book, preset.ids[preset.token]), symbol: preset.symbol };
  }

  /**
   * An ERC-20 of the economy's address book: `key` is an SDK key of the preset's `ids` (`"gen"`, `"wflx"`) or a
   * token's symbol (`"wCAESAR"`, any case); without one, the preset's main token. Name, symbol and decimals are the
   * token's own (the main token's symbol is the one its preset declares). Throws {@link InvalidArgumentError} naming the economy's tokens for an unknown key or a contract
   * that is no ERC-20 (a feed, a staking contract).
   */
  async tokenOf(key?: string): Promise<TokenRef> {
    const main = await this.token();
    const preset = findPreset(main.preset);
    const book = await this.addressBook();
    const provider = await this.provider();
    const wanted = key ?? preset.token;
    const idKey = Object.keys(preset.ids).find((k) => k.toLowerCase() === wanted.toLowerCase());
    if (idKey !== undefined && book.contracts[preset.ids[idKey]]) {
      const address = addressOf(book, preset.ids[idKey]);
      const meta = await readErc20Meta(address, provider);
      // The main token is printed with the symbol its preset declares (Preset.symbol), the others with their own.
      if (meta)
        return { ...meta, key: idKey, preset: preset.name, ...(idKey === preset.token ? { symbol: main.symbol } : {}) };
    }
    const tokens: TokenRef[] = [];
    for (const [k, id] of Object.entries(preset.ids)) {
      const address = book.contracts[id];
      const meta = address ? await readErc20Meta(address, provider) : undefined;
      if (meta) tokens.push({ ...meta, key: k, preset: preset.name });
    }
    const bySymbol = tokens.find((t) => t.symbol.toLowerCase() === wanted.toLowerCase());
    if (bySymbol) return bySymbol;
    const known = tokens.map((t) => `${t.key} (${t.symbol})`).join(", ");
    throw new InvalidArgumentError(
      idKey !== undefined
        ? `${idKey} (${preset.ids[idKey]}) of ${preset.name} is not an ERC-20 token; its tokens: ${known}`
        : `unknown token "${wanted}" of ${preset.name}; its tokens: ${known}`,
      {
        details: {
          token: wanted,
          economy: preset.name,
          tokens: Object.fromEntries(tokens.map((t) => [t.key, t.address])),
        },
      },
    );
  }

  print<T>(result: T, text: (r: T) => string[]): void {
    if (this.options.json) this.io.stdout(stringifyDetails(result, 2) + "\n");
    else this.io.stdout(text(result).join("\n") + "\n");
  }

  /** A progress indicator on stderr; silent with `--json`. */
  progress(label: string): Progress {
    return new Progress(this.io, label, Boolean(this.options.json));
  }

  /**
   * A progress bar of `total` steps on stderr for long work (deploy, agent ticks, big queries): a real bar on a
   * terminal, one plain line per step otherwise, nothing with `--json`.
   */
  progressBar(label: string, total: number): ProgressBar {
    return new ProgressBar(this.io, label, total, Boolean(this.options.json));
  }

  /** Releases the connection so the process can exit. */
  close(): void {
    if (this._provider instanceof JsonRpcProvider && this._provider !== this.io.provider) this._provider.destroy();
  }
}

/**
 * The code size of each address, in one `eth_call` (no `to`: the data runs as init code, `EXTCODESIZE` of each
 * address stored in turn and returned), instead of one `eth_getCode` request per contract: 20 requests cost the
 * CLI ~0.1 s of CPU at every start. Works on any node that runs `eth_call` without a target (Hardhat, anvil, geth).
 *
 * @example
 * await codeSizes(provider, [token, registry]); // [5210n, 8012n]
 */
export async function codeSizes(provider: Provider, addresses: readonly string[]): Promise<bigint[]> {
  if (addresses.length === 0) return [];
  const hex2 = (n: number) => n.toString(16).padStart(4, "0");
  let code = "";
  addresses.forEach((a, i) => {
    // PUSH20 a, EXTCODESIZE, PUSH2 32*i, MSTORE
    code += "73" + a.slice(2).toLowerCase() + "3b" + "61" + hex2(32 * i) + "52";
  });
  code += "61" + hex2(32 * addresses.length) + "6000f3"; // RETURN(0, 32*n)
  const out = await provider.call({ data: "0x" + code });
  return addresses.map((_, i) => BigInt("0x" + (out.slice(2 + 64 * i, 2 + 64 * (i + 1)) || "0")));
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** A spinner with a status line on a terminal, plain lines otherwise, nothing with `--json`. */
export class Progress {
  private _timer: NodeJS.Timeout | undefined;
  private _frame = 0;
  private _status = "";
  private readonly _start = Date.now();

  constructor(
    private readonly io: CliIO,
    private readonly label: string,
    private readonly silent: boolean,
  ) {
    if (silent) return;
    if (io.isTTY) {
      this._timer = setInterval(() => this.render(), 80);
      this._timer.unref();
    } else io.stderr(`… ${label}\n`);
  }

  /** Updates the status shown after the label. */
  update(status: string): void {
    this._status = status;
    if (this.silent) return;
    if (this.io.isTTY) this.render();
    else this.io.stderr(`  ${status}\n`);
  }

  /** Stops with a final mark. */
  done(ok = true): void {
    if (this._timer) clearInterval(this._timer);
    if (this.silent) return;
    const secs = ((Date.now() - this._start) / 1000).toFixed(1);
    const line = `${ok ? "✔" : "✖"} ${this.label} (${secs}s)`;
    this.io.stderr(this.io.isTTY ? `\r\x1b[K${line}\n` : `${line}\n`);
  }

  private render(): void {
    const f = FRAMES[this._frame++ % FRAMES.length];
    this.io.stderr(`\r\x1b[K${f} ${this.label}${this._status ? ": " + this._status : ""}`);
  }
}

/**
 * A bar of `total` steps (cli-progress) on a terminal, plain `[n/total] status` lines otherwise, silent with
 * `--json`; `done()` prints the final mark with the elapsed time either way.
 */
export class ProgressBar {
  private readonly bar: SingleBar | undefined;
  private value = 0;
  private readonly start = Date.now();

  constructor(
    private readonly io: CliIO,
    private readonly label: string,
    private readonly total: number,
    private readonly silent: boolean,
  ) {
    if (silent) return;
    if (io.isTTY) {
      // cli-progress writes to a stream; this one forwards to the CLI's stderr (tests capture it).
      const stream = {
        isTTY: true,
        columns: 100,
        write: (text: string, cb?: () => void) => {
          io.stderr(text);
          cb?.();
          return true;
        },
      };
      // cli-progress is loaded only when a bar is drawn on a terminal (not at every CLI start).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Presets, SingleBar } = require("cli-progress") as typeof import("cli-progress");
      this.bar = new SingleBar(
        {
          stream: stream as unknown as NodeJS.WriteStream,
          format: `${label} [{bar}] {value}/{total} {status}`,
          barsize: 24,
          hideCursor: false,
          clearOnComplete: false,
          stopOnComplete: false,
          fps: 10,
        },
        Presets.shades_classic,
      );
      this.bar.start(total, 0, { status: "" });
    } else io.stderr(`… ${label} (${total} steps)\n`);
  }

  /** Sets the steps done (at most the total) and the status shown. */
  update(value: number, status = ""): void {
    this.value = Math.min(value, this.total);
    if (this.silent) return;
    if (this.bar) {
      this.bar.update(this.value, { status });
      // cli-progress throttles redraws to its fps; a step is shown when it happens
      (this.bar as unknown as { render(): void }).render();
    } else this.io.stderr(`  [${this.value}/${this.total}] ${status}\n`);
  }

  /** One more step done. */
  tick(status = ""): void {
    this.update(this.value + 1, status);
  }

  /** Stops the bar (full when `ok`) with a final mark. */
  done(ok = true): void {
    if (this.silent) return;
    if (this.bar) {
      if (ok) this.bar.update(this.total, { status: "" });
      this.bar.stop();
    }
    const secs = ((Date.now() - this.start) / 1000).toFixed(1);
    this.io.stderr(`${ok ? "✔" : "✖"} ${this.label} (${secs}s)\n`);
  }
}

async function promptPassword(message: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new InvalidArgumentError(`no terminal to ask for the password: set ${KEYSTORE_PASSWORD_ENV}`);
  }
  const { password } = await import("@inquirer/prompts");
  return password({ message, mask: "*" }, { output: process.stderr });
}
