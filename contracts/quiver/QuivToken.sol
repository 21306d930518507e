// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";
import {ERC20Burnable} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Burnable.sol";
import {ERC20Permit} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Permit.sol";
import {ERC20Votes} from "@openzeppelin/contracts/token/ERC20/extensions/ERC20Votes.sol";
import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {Nonces} from "@openzeppelin/contracts/utils/Nonces.sol";
import {Votes} from "@openzeppelin/contracts/governance/utils/Votes.sol";
import {IERC6372} from "@openzeppelin/contracts/interfaces/IERC6372.sol";
import {IQuivToken} from "./IQuivToken.sol";

/// @title QuivToken
/// @notice QUIV: the capped, permit-enabled, vote-carrying token of the QUIVer economy.
/// @dev Design: the cap is enforced on `_totalMinted`, a counter that only `_mintTracked` increases, so a
/// burn lowers `totalSupply()` but never the counter. Every balance change still flows through the one
/// `_update` of ERC20Votes (checkpoints), and ERC20Votes' own `_maxSupply` (2^208-1) is far above the cap.
/// The clock is `block.timestamp` (ERC-6372 "mode=timestamp") so the Governor can count in seconds.
contract QuivToken is ERC20, ERC20Burnable, ERC20Permit, ERC20Votes, AccessControl, IQuivToken {
    /// @inheritdoc IQuivToken
    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");

    /// @dev 1,000,000,000 QUIV with 18 decimals (SPEC.md, QUIVer).
    uint256 private constant _CAP = 1_000_000_000e18;

    uint256 private _totalMinted;

    /// @param admin receives DEFAULT_ADMIN_ROLE (the deploy module hands it to the timelock)
    /// @param recipients genesis allocation recipients
    /// @param amounts genesis allocation amounts in wei, one per recipient
    constructor(
        address admin,
        address[] memory recipients,
        uint256[] memory amounts
    ) ERC20("QUIV", "QUIV") ERC20Permit("QUIV") {
        if (admin == address(0)) revert QuivZeroAdmin();
        if (recipients.length != amounts.length) revert QuivGenesisLengthMismatch(recipients.length, amounts.length);
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        for (uint256 i = 0; i < recipients.length; ++i) {
            _mintTracked(recipients[i], amounts[i]);
            emit GenesisAllocated(recipients[i], amounts[i]);
        }
    }

    /// @inheritdoc IQuivToken
    function mint(address to, uint256 amount) external onlyRole(MINTER_ROLE) {
        _mintTracked(to, amount);
    }

    /// @inheritdoc IQuivToken
    function burn(uint256 amount) public override(ERC20Burnable, IQuivToken) {
        super.burn(amount);
    }

    /// @inheritdoc IQuivToken
    function burnFrom(address account, uint256 amount) public override(ERC20Burnable, IQuivToken) {
        super.burnFrom(account, amount);
    }

    /// @inheritdoc IQuivToken
    function cap() external pure returns (uint256) {
        return _CAP;
    }

    /// @inheritdoc IQuivToken
    function totalMinted() external view returns (uint256) {
        return _totalMinted;
    }

    /// @inheritdoc IQuivToken
    function totalBurned() external view returns (uint256) {
        return _totalMinted - totalSupply();
    }

    /// @notice ERC-6372 clock: the block timestamp.
    function clock() public view override(IERC6372, Votes) returns (uint48) {
        return uint48(block.timestamp);
    }

    /// @notice ERC-6372 clock description.
    // solhint-disable-next-line func-name-mixedcase
    function CLOCK_MODE() public pure override(IERC6372, Votes) returns (string memory) {
        return "mode=timestamp";
    }

    /// @inheritdoc ERC20Permit
    function nonces(address owner) public view override(ERC20Permit, Nonces) returns (uint256) {
        return super.nonces(owner);
    }

    /// @dev Checks, writes the counter, then mints (ERC20 rejects the zero address before any write).
    function _mintTracked(address to, uint256 amount) private {
        if (amount == 0) revert QuivZeroAmount();
        uint256 minted = _totalMinted + amount;
        if (minted > _CAP) revert QuivCapExceeded(_totalMinted, amount, _CAP);
        _totalMinted = minted;
        _mint(to, amount);
    }

    function _update(address from, address to, uint256 value) internal override(ERC20, ERC20Votes) {
        super._update(from, to, value);
    }
}
