import { expect } from "chai";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ethers } from "hardhat";
import { loadFixture } from "@nomicfoundation/hardhat-network-helpers";
import { ZeroAddress } from "ethers";
import { deployFoundation, GENESIS, QUIV } from "../quiver/fixtures/foundation";
import { ContractRevertError, InvalidArgumentError, parameterKey } from "../../sdk/kit/core";
import { eventArgs, eventsOf } from "../../sdk/kit/chain/events";
import {
  addressBookFrom,
  addressBookFromHandles,
  addressOf,
  readAccount,
  readBalance,
  readParameter,
  readParameters,
  readTokenInfo,
  readTransfers,
  resolveParameterKey,
  streamEvents,
} from "../../sdk/kit/chain";
import { loadAddressBook } from "../../sdk/kit/node/deploy";
import { QUIVER_PARAMETERS, QUIV_CAP, connectFoundation } from "../../sdk/quiver";

async function fixture() {
  const f = await deployFoundation();
  const chainId = (await ethers.provider.getNetwork()).chainId;
  const book = addressBookFrom(chainId, {
    "Kit#QuivToken": await f.quiv.getAddress(),
    "Kit#ParameterRegistry": await f.registry.getAddress(),
  });
  return { ...f, book, sdk: connectFoundation(book, ethers.provider) };
}

describe("sdk/chain", () => {
  describe("address book", () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "kit-book-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const quiv = "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512";
    const registry = "0x5FbDB2315678afecb367f032d93F642f64180aa3";

    it("builds a book from contract handles keyed like CONTRACT_IDS, leaving out the keys it lacks", async () => {
      const handle = (a: string) => ({ getAddress: async () => a });
      const book = await addressBookFromHandles(31337n, {
        quiv: handle(quiv.toLowerCase()),
        registry: handle(registry),
      });
      expect(book.contracts).to.deep.equal({
        "Kit#QuivToken": quiv,
        "Kit#ParameterRegistry": registry,
      });
      expect(addressOf(book, "quiv")).to.equal(quiv);
      expect(() => addressOf(book, "staking")).to.throw(InvalidArgumentError, /Kit#ProviderStaking/);
    });

    it("reads chain-<id>/deployed_addresses.json and resolves SDK keys and Ignition ids", () => {
      fs.mkdirSync(path.join(dir, "chain-31337"));
      fs.writeFileSync(
        path.join(dir, "chain-31337", "deployed_addresses.json"),
        JSON.stringify({ "Kit#QuivToken": quiv.toLowerCase(), "Kit#ParameterRegistry": registry }),
      );
      const book = loadAddressBook({ chainId: 31337, deploymentsDir: dir });
      expect(book.chainId).to.equal(31337n);
      expect(addressOf(book, "quiv")).to.equal(quiv);
      expect(addressOf(book, "Kit#ParameterRegistry")).to.equal(registry);
      expect(book.source).to.contain("chain-31337");
    });

    it("lets an explicit override win, and a named deployment id be read", () => {
      fs.mkdirSync(path.join(dir, "my-run"));
      fs.writeFileSync(path.join(dir, "my-run", "deployed_addresses.json"), JSON.stringify({ "Kit#QuivToken": quiv }));
      const book = loadAddressBook({
        chainId: 5,
        deploymentsDir: dir,
        deploymentId: "my-run",
        override: { "Kit#QuivToken": registry },
      });
      expect(addressOf(book, "quiv")).to.equal(registry);
    });

    it("rejects a missing deployment, a missing contract and a bad address", () => {
      expect(() => loadAddressBook({ chainId: 1, deploymentsDir: dir })).to.throw(
        InvalidArgumentError,
        /no deployment/,
      );
      const book = loadAddressBook({ chainId: 1, deploymentsDir: dir, override: { "Kit#QuivToken": quiv } });
      expect(() => addressOf(book, "registry")).to.throw(InvalidArgumentError, /no Kit#ParameterRegistry/);
      expect(() => addressBookFrom(1, { x: "0x1234" })).to.throw(InvalidArgumentError);
      fs.mkdirSync(path.join(dir, "chain-2"));
      fs.writeFileSync(path.join(dir, "chain-2", "deployed_addresses.json"), "{not json");
      expect(() => loadAddressBook({ chainId: 2, deploymentsDir: dir })).to.throw(InvalidArgumentError, /cannot parse/);
    });
  });

  describe("readers", () => {
    it("readTokenInfo returns the supply counters of the genesis", async () => {
      const { sdk, quiv } = await loadFixture(fixture);
      const info = await readTokenInfo(sdk.quiv);
      const genesis = GENESIS.treasury + GENESIS.ecosystem + GENESIS.team;
      expect(info).to.deep.equal({
        address: await quiv.getAddress(),
        name: "QUIV",
        symbol: "QUIV",
        decimals: 18,
        totalSupply: genesis,
        totalMinted: genesis,
        totalBurned: 0n,
        cap: QUIV_CAP,
        clockMode: "mode=timestamp",
      });
    });

    it("readAccount returns balance, votes, delegate and nonce", async () => {
      const { sdk, treasury, quiv } = await loadFixture(fixture);
      await quiv.connect(treasury).delegate(treasury.address);
      expect(await readAccount(sdk.quiv, treasury.address)).to.deep.equal({
        address: treasury.address,
        balance: GENESIS.treasury,
        votes: GENESIS.treasury,
        delegate: treasury.address,
        nonce: 0n,
      });
      expect(await readBalance(sdk.quiv, treasury.address.toLowerCase())).to.equal(GENESIS.treasury);
      await expect(readBalance(sdk.quiv, "0xnope")).to.be.rejectedWith(InvalidArgumentError);
    });

    it("readParameters returns every catalogue entry by name, in order", async () => {
      const { sdk } = await loadFixture(fixture);
      const all = await readParameters(sdk.registry, QUIVER_PARAMETERS);
      expect(all.map((p) => p.name)).to.deep.equal(QUIVER_PARAMETERS.map((s) => s.name));
      for (const [i, p] of all.entries()) {
        const s = QUIVER_PARAMETERS[i];
        expect([p.value, p.min, p.max, p.maxDelta, p.period, p.unit]).to.deep.equal([
          s.value,
          s.min,
          s.max,
          s.maxDelta,
          s.period,
          s.unit,
        ]);
      }
    });

    it("readParameter accepts a name or a key; unknown keys revert as ParameterUnknown", async () => {
      const { sdk } = await loadFixture(fixture);
      const byName = await readParameter(sdk.registry, "quiver.staking.unbondingPeriod", QUIVER_PARAMETERS);
      expect(byName.value).to.equal(14n * 86_400n);
      expect(
        await readParameter(sdk.registry, parameterKey("quiver.staking.unbondingPeriod"), QUIVER_PARAMETERS),
      ).to.deep.equal(byName);
      expect(() => resolveParameterKey("no.such.param", QUIVER_PARAMETERS)).to.throw(
        InvalidArgumentError,
        /unknown parameter/,
      );
      // Without a catalogue only keys resolve: a name is unknown to the kit.
      expect(() => resolveParameterKey("quiver.staking.unbondingPeriod")).to.throw(InvalidArgumentError, /unknown/);
      expect(resolveParameterKey(parameterKey("quiver.staking.unbondingPeriod"))).to.equal(
        parameterKey("quiver.staking.unbondingPeriod"),
      );
      const key = "0x" + "01".padStart(64, "0");
      const err = await readParameter(sdk.registry, key, QUIVER_PARAMETERS).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ContractRevertError);
      expect((err as ContractRevertError).errorName).to.equal("ParameterUnknown");
      expect((err as ContractRevertError).args).to.deep.equal([key]);
      expect((err as ContractRevertError).contract).to.equal("ParameterRegistry");
    });
  });

  describe("event streams", () => {
    it("return the same transfers whatever the chunk size", async () => {
      const { sdk, quiv, treasury, alice } = await loadFixture(fixture);
      for (let i = 1n; i <= 3n; i++) await quiv.connect(treasury).transfer(alice.address, i * QUIV);
      const whole = await readTransfers(sdk.quiv, {}, { chunkSize: 10_000 });
      const chunked = await readTransfers(sdk.quiv, {}, { chunkSize: 1 });
      expect(chunked).to.deep.equal(whole);
      expect(whole.length).to.equal(6); // three genesis mints + three transfers
      expect(whole.filter((t) => t.from === ZeroAddress).map((t) => t.value)).to.deep.equal([
        GENESIS.treasury,
        GENESIS.ecosystem,
        GENESIS.team,
      ]);
      const toAlice = await readTransfers(sdk.quiv, { to: alice.address }, { chunkSize: 2 });
      expect(toAlice.map((t) => t.value)).to.deep.equal([QUIV, 2n * QUIV, 3n * QUIV]);
    });

    it("streams raw logs within a block range and rejects a bad chunk size", async () => {
      const { sdk } = await loadFixture(fixture);
      const logs = [];
      for await (const l of streamEvents(sdk.registry, sdk.registry.filters.ParameterDefined(), { fromBlock: 0 }))
        logs.push(l);
      expect(logs.length).to.equal(QUIVER_PARAMETERS.length);
      const gen = streamEvents(sdk.quiv, sdk.quiv.filters.Transfer(), { chunkSize: 0 });
      await expect(gen.next()).to.be.rejectedWith(InvalidArgumentError, /chunkSize/);
    });
  });
});

describe("eventArgs / eventsOf: events of a receipt", () => {
  const iface = new ethers.Interface(["event Transfer(address indexed from, address indexed to, uint256 value)"]);
  const [a, b] = [`0x${"aa".repeat(20)}`, `0x${"bb".repeat(20)}`].map((x) => ethers.getAddress(x));
  const log = (address: string, value: bigint) => {
    const { data, topics } = iface.encodeEventLog("Transfer", [a, b, value]);
    return { address, data, topics };
  };
  const other = { address: a, data: "0x", topics: [ethers.id("Other()")] }; // a log no ABI here parses
  const receipt = { hash: "0x01", logs: [other, log(a, 1n), log(b, 2n), log(a, 3n)] } as never;

  it("eventsOf returns every match in log order, or only one contract's when an address is given", () => {
    expect(eventsOf(receipt, iface, "Transfer").map((e) => e.value)).to.deep.equal([1n, 2n, 3n]);
    expect(eventsOf(receipt, iface, "Transfer", b.toLowerCase()).map((e) => e.value)).to.deep.equal([2n]);
    expect(eventsOf(receipt, iface, "Approval")).to.deep.equal([]);
  });

  it("eventArgs is the first match, and throws when the event is missing", () => {
    expect(eventArgs(receipt, iface, "Transfer").value).to.equal(1n);
    expect(() => eventArgs(receipt, iface, "Approval")).to.throw("the transaction emitted no Approval");
  });
});
