// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {VestingWallet} from "@openzeppelin/contracts/finance/VestingWallet.sol";
import {VestingWalletCliff} from "@openzeppelin/contracts/finance/VestingWalletCliff.sol";

/// @title RefVestingWallet
/// @notice Test-only OpenZeppelin VestingWallet with a cliff, the reference for the grant-claim gas bench.
contract RefVestingWallet is VestingWalletCliff {
    constructor(
        address beneficiary,
        uint64 start,
        uint64 duration,
        uint64 cliffSeconds
    ) VestingWallet(beneficiary, start, duration) VestingWalletCliff(cliffSeconds) {}
}
