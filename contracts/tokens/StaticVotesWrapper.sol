// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {ERC4626} from "@openzeppelin/contracts/token/ERC20/extensions/ERC4626.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {IStaticVotesWrapper} from "./IStaticVotesWrapper.sol";

/// @title StaticVotesWrapper
/// @notice Wraps a rebasing or decaying ERC-20 into static shares that carry permit and ERC-5805 votes
/// (timestamp clock). Deposit/mint/withdraw/redeem are OpenZeppelin's ERC-4626.
/// @dev Design. With A = `totalAssets()` (the wrapper's own underlying balance, so rebases and decay change A and
/// not the shares), S = `totalSupply()` and V = 10^offset virtual shares (OZ ERC4626, one virtual asset):
///   shares(assets) = assets * (S + V) / (A + 1)      assets(shares) = shares * (A + 1) / (S + V)
/// computed with `Math.mulDiv` and rounded in the wrapper's favour: deposit and convertToShares round shares down,
/// mint rounds assets up, withdraw rounds shares up, redeem and convertToAssets round assets down.
/// Bounds that follow (README, "Rounding"): a deposit then a redeem of the shares it minted returns at most the
/// deposit and loses less than one share's worth plus 1 wei, `(A + 1) / (S + V) + 1`; the sum of what every holder
/// can redeem never exceeds A, and falls short of it by at most one wei per holder plus the virtual shares' part,
/// `A * V / (S + V)`. A call that would move zero assets or zero shares reverts (`StaticWrapperZeroAmount`), so
/// nobody pays for nothing, and the virtual shares make a donation before the first deposit cost the donor.
/// Votes count shares: they change on mint, burn and transfer only, never on a rebase of the underlying.
contract StaticVotesWrapper is ERC4626, ERC20Permit, ERC20Votes, IStaticVotesWrapper {
    /// @inheritdoc IStaticVotesWrapper
    uint8 public constant MAX_DECIMALS_OFFSET = 18;

    uint8 private immutable _offset;

    /// @param underlying the wrapped token (rebasing or decaying balances; no transfer fee, no callbacks)
    /// @param name_ share token name, also the EIP-712 domain name of permit and delegateBySig
    /// @param symbol_ share token symbol
    /// @param offset_ decimals offset in [0, MAX_DECIMALS_OFFSET] (virtual shares are 10^offset)
    constructor(
        IERC20Metadata underlying,
        string memory name_,
        string memory symbol_,
        uint8 offset_
    ) ERC20(name_, symbol_) ERC20Permit(name_) ERC4626(underlying) {
        if (address(underlying) == address(0)) revert StaticWrapperZeroAddress();
        if (offset_ > MAX_DECIMALS_OFFSET) revert StaticWrapperOffsetTooLarge(offset_, MAX_DECIMALS_OFFSET);
        _offset = offset_;
    }

    /// @inheritdoc IStaticVotesWrapper
    function decimalsOffset() external view returns (uint8) {
        return _offset;
    }

    /// @inheritdoc ERC4626
    function decimals() public view virtual override(ERC20, ERC4626, IERC20Metadata) returns (uint8) {
        return super.decimals();
    }

    /// @notice ERC-6372 clock: the block timestamp.
    function clock() public view virtual override(IERC6372, Votes) returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure virtual override(IERC6372, Votes) returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view virtual override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    function _decimalsOffset() internal view virtual override returns (uint8) {
        return _offset;
    }

    /// @dev Checks (no zero amounts, a receiver), then OZ: pull the assets, mint the shares, emit `Deposit`.
    function _deposit(address caller, address receiver, uint256 assets, uint256 shares) internal virtual override {
        if (assets == 0 || shares == 0) revert StaticWrapperZeroAmount(assets, shares);
        if (receiver == address(0)) revert StaticWrapperZeroAddress();
        super._deposit(caller, receiver, assets, shares);
    }

    /// @dev Checks (no zero amounts, a receiver), then OZ: spend the allowance, burn the shares, emit `Withdraw`,
    /// push the assets.
    function _withdraw(
        address caller,
        address receiver,
        address owner,
        uint256 assets,
        uint256 shares
    ) internal virtual override {
        if (assets == 0 || shares == 0) revert StaticWrapperZeroAmount(assets, shares);
        if (receiver == address(0)) revert StaticWrapperZeroAddress();
        super._withdraw(caller, receiver, owner, assets, shares);
    }

    function _update(address from, address to, uint256 value) internal virtual override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
