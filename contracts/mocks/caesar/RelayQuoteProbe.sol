// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ICaesarToken} from "../../caesar/ICaesarToken.sol";

/// @notice Test helper holding PROCESSOR_ROLE: quotes a relayed transfer (`quoteAuthorized`) and performs it through `transferFromAuthorized`
/// in the same transaction, so a test compares the quote with a relayed transfer in one block.
contract RelayQuoteProbe {
    ICaesarToken.Quote public quote;
    ICaesarToken.Quote public plain;
    ICaesarToken.Quote public charged;
    uint256 public fromDrop;
    uint256 public toGain;

    function run(ICaesarToken token, address from, address to, uint256 amount, uint256 regionalBps) external {
        quote = token.quoteAuthorized(from, to, amount, regionalBps);
        plain = token.quoteTransfer(from, to, amount);
        uint256 fromBefore = token.balanceOf(from);
        uint256 toBefore = token.balanceOf(to);
        charged = token.transferFromAuthorized(from, to, amount, type(uint256).max, regionalBps);
        fromDrop = fromBefore - token.balanceOf(from);
        toGain = token.balanceOf(to) - toBefore;
    }
}
