// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICaesarToken} from "../../caesar/ICaesarToken.sol";

/// @notice Test helper holding PROCESSOR_ROLE: quotes a transfer and performs it through `transferFromAuthorized`
/// in the same transaction, so a test compares `quoteTransfer` with a relayed transfer in one block.
contract RelayQuoteProbe {
    ICaesarToken.Quote public quote;
    ICaesarToken.Quote public charged;
    uint256 public fromDrop;
    uint256 public toGain;

    function run(ICaesarToken token, address from, address to, uint256 amount) external {
        quote = token.quoteTransfer(from, to, amount);
        uint256 fromBefore = token.balanceOf(from);
        uint256 toBefore = token.balanceOf(to);
        charged = token.transferFromAuthorized(from, to, amount, type(uint256).max);
        fromDrop = fromBefore - token.balanceOf(from);
        toGain = token.balanceOf(to) - toBefore;
    }
}
