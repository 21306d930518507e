// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {ICappedVotesToken, ICappedVotesTokenErrors} from "./ICappedVotesToken.sol";

/// @title CappedVotesToken
/// @notice Abstract kit token: ERC-20, burnable, EIP-2612 permit, ERC-5805 votes on a timestamp clock, and a hard
/// cap on the cumulative minted supply. Name, symbol (also the EIP-712 domain name) and cap are constructor
/// arguments; the final token decides who mints and calls `_mintCapped`.
/// @dev Design: the cap is enforced on `_totalMinted`, a counter that only `_mintCapped` increases, so a burn lowers
/// `totalSupply()` but never the counter. Every balance change flows through the one `_update` of ERC20Votes
/// (checkpoints); the constructor keeps the cap within ERC20Votes' `_maxSupply` (2^208 - 1), so a mint under the
/// cap never trips `ERC20ExceededSafeSupply`. The clock is `block.timestamp` (ERC-6372 "mode=timestamp") so a
/// Governor counts in seconds. The `_revert*` hooks let a token name its errors (and keep its ABI); by default
/// they throw `ICappedVotesTokenErrors`. A token whose cap is a constant may override `cap()` as `pure`, returning
/// the same value it passed to the constructor.
abstract contract CappedVotesToken is ERC20, ERC20Burnable, ERC20Permit, ERC20Votes, ICappedVotesToken {
    /// @dev The cap given at deployment (wei). `_mintCapped` reads it directly (an immutable costs what a constant
    /// costs; a virtual `cap()` call would add gas to every mint), so an override of `cap()` must return it.
    uint256 private immutable _capAtDeploy;

    uint256 private _totalMinted;

    /// @param name_ token name, also the EIP-712 domain name of permit and delegateBySig
    /// @param symbol_ token symbol
    /// @param cap_ hard cap on cumulative minted supply (wei), in [1, 2^208 - 1]
    constructor(string memory name_, string memory symbol_, uint256 cap_) ERC20(name_, symbol_) ERC20Permit(name_) {
        if (cap_ == 0 || cap_ > type(uint208).max) _revertInvalidCap(cap_, type(uint208).max);
        _capAtDeploy = cap_;
    }

    /// @inheritdoc ICappedVotesToken
    function burn(uint256 amount) public virtual override(ERC20Burnable, ICappedVotesToken) {
        super.burn(amount);
    }

    /// @inheritdoc ICappedVotesToken
    function burnFrom(address account, uint256 amount) public virtual override(ERC20Burnable, ICappedVotesToken) {
        super.burnFrom(account, amount);
    }

    /// @inheritdoc ICappedVotesToken
    function cap() public view virtual returns (uint256) {
        return _capValue();
    }

    /// @inheritdoc ICappedVotesToken
    function totalMinted() public view virtual returns (uint256) {
        return _totalMinted;
    }

    /// @inheritdoc ICappedVotesToken
    function totalBurned() public view virtual returns (uint256) {
        return _totalMinted - totalSupply();
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

    /// @dev Mints `amount` to `to` under the cap: checks (zero amount, cap), writes the counter, then mints
    /// (ERC20 rejects the zero address with `ERC20InvalidReceiver` before any balance write).
    function _mintCapped(address to, uint256 amount) internal virtual {
        if (amount == 0) _revertZeroAmount();
        uint256 minted = _totalMinted;
        uint256 cap_ = _capValue();
        // Cannot underflow or overflow: `minted <= cap_` always holds (the cap is fixed and every increase of the
        // counter passes this check), so `cap_ - minted` is the room left, and `minted + amount <= cap_` once the
        // check passes. Comparing `amount` with the room also rejects an `amount` near 2^256 without a Panic.
        unchecked {
            if (amount > cap_ - minted) _revertCapExceeded(minted, amount, cap_);
            _totalMinted = minted + amount;
        }
        _mint(to, amount);
    }

    /// @dev The cap (wei): the constructor's by default; a token with a constant cap overrides it as `pure` (the
    /// compiler inlines it, so a mint costs what a constant costs). Warning: an override must never return less
    /// than `totalMinted()`; `_mintCapped` relies on it (unchecked room).
    function _capValue() internal view virtual returns (uint256) {
        return _capAtDeploy;
    }

    /// @dev Reverts for a mint past the cap (override to throw the token's own error).
    function _revertCapExceeded(uint256 minted, uint256 amount, uint256 cap_) internal pure virtual {
        revert ICappedVotesTokenErrors.CappedVotesCapExceeded(minted, amount, cap_);
    }

    /// @dev Reverts for a zero-amount mint (override to throw the token's own error).
    function _revertZeroAmount() internal pure virtual {
        revert ICappedVotesTokenErrors.CappedVotesZeroAmount();
    }

    /// @dev Reverts for a cap outside [1, maxCap] at deployment (override to throw the token's own error).
    function _revertInvalidCap(uint256 cap_, uint256 maxCap) internal pure virtual {
        revert ICappedVotesTokenErrors.CappedVotesInvalidCap(cap_, maxCap);
    }

    function _update(address from, address to, uint256 value) internal virtual override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
