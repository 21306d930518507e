// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC4626} from "@openzeppelin/contracts/interfaces/IERC4626.sol";
import {IERC5805} from "@openzeppelin/contracts/interfaces/IERC5805.sol";

/// @title IStaticVotesWrapper
/// @notice A static (non-rebasing) ERC-4626 wrapper with EIP-2612 permit and ERC-5805 votes on a timestamp clock,
/// for an underlying token whose balances change without transfers (rebasing up or down, or demurrage decay).
/// Holders deposit underlying and receive shares; shares move only on transfer, so votes never follow a rebase.
/// @dev The wrapper's assets are its own underlying balance (`totalAssets() == asset.balanceOf(wrapper)`), so the
/// wrapper pays every rebase or decay on that balance and each holder pays its pro-rata share: a contract holding
/// user money is not exempt from demurrage. Rounding always favours the wrapper (README, "Rounding").
/// Warning: an underlying that charges a fee on transfer, or calls back on transfer, is not supported. Shares are
/// bounded by ERC20Votes' safe supply (2^208 - 1, `ERC20ExceededSafeSupply`), which with offset d allows about
/// 4e62 / 10^d underlying wei.
interface IStaticVotesWrapper is IERC4626, IERC5805 {
    /// @notice A deposit, mint, withdraw or redeem that would move zero assets or zero shares (for example a
    /// deposit too small to mint one share, or a redeem too small to pay one wei).
    /// @param assets underlying wei the call would move
    /// @param shares shares the call would mint or burn
    error StaticWrapperZeroAmount(uint256 assets, uint256 shares);

    /// @notice A zero address where an account is required (the underlying at deployment, a receiver).
    error StaticWrapperZeroAddress();

    /// @notice The decimals offset given to the constructor is above `MAX_DECIMALS_OFFSET`.
    /// @param offset the rejected offset
    /// @param maxOffset the largest accepted offset
    error StaticWrapperOffsetTooLarge(uint8 offset, uint8 maxOffset);

    /// @notice The largest decimals offset (virtual shares are `10 ** offset`).
    function MAX_DECIMALS_OFFSET() external view returns (uint8);

    /// @notice The decimals offset: shares have `asset decimals + offset` decimals, and the conversions count
    /// `10 ** offset` virtual shares and 1 virtual asset, which makes a first-depositor donation attack cost the
    /// attacker about `10 ** offset` times what it takes from a victim.
    function decimalsOffset() external view returns (uint8);
}
