// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICaesarToken} from "../../caesar/ICaesarToken.sol";

/// @notice Test helper: quotes a transfer and performs it (as an approved spender) in the same transaction, and
/// records the quote beside the balance changes, so a test compares `quoteTransfer` with the transfer in one block.
contract QuoteProbe {
    ICaesarToken.Quote public quote;
    uint256 public fromDrop; // sender's balance decrease (0 for a self-transfer that gained)
    uint256 public toGain; // receiver's balance increase
    uint256 public returnedNet;
    uint256 public accruedGain; // what `accrued()` gained: fee + the TransferCharged rounding

    function run(ICaesarToken token, address from, address to, uint256 amount) external {
        quote = token.quoteTransfer(from, to, amount);
        uint256 fromBefore = token.balanceOf(from);
        uint256 toBefore = token.balanceOf(to);
        uint256 accruedBefore = token.accrued();
        token.transferFrom(from, to, amount);
        accruedGain = token.accrued() - accruedBefore;
        fromDrop = fromBefore - token.balanceOf(from);
        toGain = from == to ? 0 : token.balanceOf(to) - toBefore;
    }
}
