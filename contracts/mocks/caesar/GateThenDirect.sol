// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

interface IGateSell {
    function sell(uint256 caesarIn, uint256 minOut, uint256 deadline) external returns (uint256 id, uint256 amountOut);
}

/// @notice Test trader: in one transaction, a sell through the stability gate, then CAESAR sent straight to the
/// pair (a direct sell). The gate lets the pair trade it drives itself through the token's pool check only while
/// that trade runs; a direct sell after it, in the same transaction, must still meet the check.
contract GateThenDirect {
    /// @notice Sells `caesarIn` through `gate`, then transfers `direct` CAESAR to `pair`.
    function run(IGateSell gate, IERC20 caesar, address pair, uint256 caesarIn, uint256 direct) external {
        caesar.approve(address(gate), caesarIn);
        gate.sell(caesarIn, 0, type(uint256).max);
        caesar.transfer(pair, direct);
    }
}
