// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {CappedVotesToken} from "../tokens/CappedVotesToken.sol";
import {ICappedVotesToken} from "../tokens/ICappedVotesToken.sol";
import {IQuivToken} from "./IQuivToken.sol";

/// @title QuivToken
/// @notice QUIV: the capped, permit-enabled, vote-carrying token of the QUIVer economy.
/// @dev Design: the kit's CappedVotesToken (contracts/tokens) holds the cap on cumulative minted supply, permit,
/// votes and the timestamp clock; QUIV adds the minter role and genesis allocation, fixes the cap as a constant
/// (`cap()` stays `pure`) and throws its own errors through the base's `_revert*` hooks, so its ABI is unchanged.
contract QuivToken is CappedVotesToken, AccessControl, IQuivToken {
    /// @inheritdoc IQuivToken
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @dev 1,000,000,000 QUIV with 18 decimals (SPEC.md, QUIVer).
    uint256 private constant _CAP = 1_000_000_000e18;

    /// @param admin receives DEFAULT_ADMIN_ROLE (the deploy module hands it to the timelock)
    /// @param recipients genesis allocation recipients
    /// @param amounts genesis allocation amounts in wei, one per recipient
    constructor(
        address admin,
        address[] memory recipients,
        uint256[] memory amounts
    ) CappedVotesToken("QUIV", "QUIV", _CAP) {
        if (admin == address(0)) revert QuivZeroAdmin();
        if (recipients.length != amounts.length) revert QuivGenesisLengthMismatch(recipients.length, amounts.length);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        for (uint256 i = 0; i < recipients.length; ++i) {
            _mintCapped(recipients[i], amounts[i]);
            emit GenesisAllocated(recipients[i], amounts[i]);
        }
    }

    /// @inheritdoc IQuivToken
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mintCapped(to, amount);
    }

    /// @inheritdoc ICappedVotesToken
    /// @dev Calls ERC20Burnable directly: the base's override only forwards, and the extra hop cost 29 gas.
    function burn(uint256 amount) public override(CappedVotesToken, ICappedVotesToken) {
        ERC20Burnable.burn(amount);
    }

    /// @inheritdoc ICappedVotesToken
    function burnFrom(address account, uint256 amount) public override(CappedVotesToken, ICappedVotesToken) {
        ERC20Burnable.burnFrom(account, amount);
    }

    /// @inheritdoc IQuivToken
    function cap() public pure override(CappedVotesToken, IQuivToken) returns (uint256) {
        return _CAP;
    }

    /// @dev The constant cap (the base's immutable copy is not read).
    function _capValue() internal pure override returns (uint256) {
        return _CAP;
    }

    /// @dev QUIV's error for a mint past the cap.
    function _revertCapExceeded(uint256 minted, uint256 amount, uint256 cap_) internal pure override {
        revert QuivCapExceeded(minted, amount, cap_);
    }

    /// @dev QUIV's error for a zero-amount mint or genesis allocation.
    function _revertZeroAmount() internal pure override {
        revert QuivZeroAmount();
    }

    /// @dev Unreachable: QUIV's cap is the constant `_CAP` (1e27 <= 2^208 - 1), so the base never calls it; it is
    /// overridden to keep the base's default error out of QUIV's ABI.
    // solhint-disable-next-line no-empty-blocks
    function _revertInvalidCap(uint256, uint256) internal pure override {}
}
