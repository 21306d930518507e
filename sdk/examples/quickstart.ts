// @ts-nocheck -- the README's SDK example, verbatim. It imports the package's sub-path `exports`, which Node
// resolves at run time (test/sdk/node.process.test.ts runs this file) but the repo's `moduleResolution: node`
// type check cannot see; the same calls are type-checked through relative imports in test/sdk/*.test.ts.
import { JsonRpcProvider, Wallet } from "ethers";
import { formatAmount, parseAmount } from "economy-kit/core";
import { readAccount } from "economy-kit/chain";
import { loadAddressBook } from "economy-kit/deploy";
import { connectFoundation } from "economy-kit/quiver";
import { buildDelegate, buildTransfer, send } from "economy-kit/tx";

async function main() {
  const provider = new JsonRpcProvider(process.env.RPC_URL ?? "http://127.0.0.1:8545");
  const wallet = new Wallet(process.env.KIT_PRIVATE_KEY, provider);
  const { quiv } = connectFoundation(loadAddressBook({ chainId: (await provider.getNetwork()).chainId }), provider);
  const token = await quiv.getAddress();
  await send(wallet, buildTransfer(token, "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC", parseAmount("12.5")));
  await send(wallet, buildDelegate(token, wallet.address));
  const me = await readAccount(quiv, wallet.address);
  console.log(`balance ${formatAmount(me.balance)} QUIV, votes ${formatAmount(me.votes)} QUIV`);
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
