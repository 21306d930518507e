/**
 * A throwaway economy for the SDK tests (one token, the Kit stack, one registry parameter), written outside the kit
 * the way a plug-in would be: test/sdk/preset.plugin.test.ts registers it with `registerPreset`, and
 * test/sdk/economies.test.ts deploys two of them on one chain.
 */
import { ethers, ignition } from "hardhat";
import { id } from "ethers";
import { buildModule } from "@nomicfoundation/hardhat-ignition/modules";
import type { IgnitionModule } from "@nomicfoundation/ignition-core";
import { kitModule } from "../../deploy/modules/Kit";
import { handOver } from "../../deploy/blocks/handover";
import { ROLES } from "../../deploy/blocks/roles";
import { KIT_IDS, addressBookFromHandles, addressOf } from "../../sdk/kit/chain/addressBook";
import { connectParameterRegistry } from "../../sdk/kit/chain/contracts";
import type { Preset } from "../../sdk/kit/preset";

export const TOY_RATE = "toy.fees.rateBps";

/** The toy token's cap: one billion TOY. */
export const TOY_CAP = 1_000_000_000n * 10n ** 18n;

/**
 * The toy economy's kit: its one token (id `Kit#ToyToken`) is the only vote source. The token is the kit-only
 * contracts/mocks/kit/MockMintableVotesToken.sol on the kit's capped votes base (no economy's contract), its admin
 * and minter roles handed to the timelock like any preset's.
 */
const ToyKit = kitModule({
  name: "Toy Governor",
  parameters: [{ name: TOY_RATE, value: 100n, min: 0n, max: 1_000n, maxDelta: 100n, period: 86_400n }],
  votes: (m, kit) => {
    const token = m.contract(
      "MockMintableVotesToken",
      [
        "Toy",
        "TOY",
        TOY_CAP,
        kit.deployer,
        m.getParameter<string[]>("genesisRecipients"),
        m.getParameter<bigint[]>("genesisAmounts"),
      ],
      { id: "ToyToken" },
    );
    return {
      futures: { token },
      handover: [{ label: "Toy", contract: token, roles: [ROLES.DEFAULT_ADMIN, ROLES.MINTER] }],
      sources: [{ token, weightBps: 10_000 }],
      budgets: [{ token, amount: 10n ** 18n }],
    };
  },
});

/** The toy preset module: the kit stack, then the hand-over its builders reported. */
export const ToyModule = buildModule("Toy", (m) => {
  const kit = m.useModule(ToyKit.module);
  handOver(m, kit.timelock, m.getAccount(0), ToyKit.handover, ToyKit.wiring);
  return kit;
});

export const TOY_IDS = { ...KIT_IDS, token: "Kit#ToyToken" };

/** The toy preset descriptor; `name` defaults to "toy" (a second economy of the same shape takes another). */
export function toyPreset(name = "toy", extra: Partial<Preset> = {}): Preset {
  return {
    name,
    description: "a throwaway economy of the SDK tests",
    symbol: "TOY",
    token: "token",
    ids: TOY_IDS,
    catalogue: [
      {
        name: TOY_RATE,
        unit: "bps",
        value: 100n,
        min: 0n,
        max: 1_000n,
        maxDelta: 100n,
        period: 86_400n,
        source: "test",
      },
    ],
    loadModule: async () => ToyModule as unknown as IgnitionModule,
    parameters: {},
    connect: (book, runner) => ({ registry: connectParameterRegistry(addressOf(book, "registry"), runner) }),
    status: async (book, provider) => {
      const registry = connectParameterRegistry(addressOf(book, "registry"), provider);
      const rate = await registry.get(id(TOY_RATE));
      return { data: { rateBps: rate }, lines: [`${name.padEnd(9)} fee rate ${rate} bps`] };
    },
    ...extra,
  };
}

/** Deploys the toy module in-process with `genesis` TOY to signer #1; returns the handles and the address book. */
export async function deployToy(genesis = 1_000_000n * 10n ** 18n) {
  const s = await ethers.getSigners();
  const d = await ignition.deploy(ToyModule, {
    parameters: {
      Kit: {
        genesisRecipients: [s[1].address],
        genesisAmounts: [genesis],
        councilOwners: [s[4].address],
        councilThreshold: 1,
        guardianOwners: [s[5].address],
        guardianThreshold: 1,
      },
    },
  });
  const book = await addressBookFromHandles((await ethers.provider.getNetwork()).chainId, d, TOY_IDS);
  return { d, book, deployer: s[0] };
}
