// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {IERC20Errors} from "@openzeppelin/contracts/interfaces/draft-IERC6093.sol";

/// @title MockRebasingToken
/// @notice An Ampleforth-style rebasing ERC-20 for tests: accounts hold gons, balances are `gons / gonsPerFragment`,
/// and `rebase(bps)` (open to anyone) scales every balance by `1 + bps / 10,000` at once, up or down, without a
/// transfer. A negative rebase stands for a demurrage decay. `mint` is open too.
/// @dev A transfer of `value` fragments moves exactly `value * gonsPerFragment` gons, so balances move to the wei
/// on transfer; a rebase rounds every balance down (`gons / gonsPerFragment`).
contract MockRebasingToken is IERC20, IERC20Metadata, IERC20Errors {
    /// @notice A rebase of `bps` that would make every balance zero or negative, or overflow the gons.
    error MockRebaseOutOfRange(int256 bps);

    /// @notice Every balance was scaled by `1 + bps / 10,000`.
    /// @param bps the change in basis points (negative for a decay)
    /// @param gonsPerFragment the new gons per fragment
    event Rebased(int256 bps, uint256 gonsPerFragment);

    /// @dev Initial gons per fragment: 1e24 leaves room for large positive rebases before the ratio gets coarse.
    uint256 private constant _INITIAL_GONS_PER_FRAGMENT = 1e24;

    string private _name;
    string private _symbol;
    uint256 private _gonsPerFragment = _INITIAL_GONS_PER_FRAGMENT;
    uint256 private _totalGons;
    mapping(address account => uint256) private _gons;
    mapping(address owner => mapping(address spender => uint256)) private _allowances;

    constructor(string memory name_, string memory symbol_) {
        _name = name_;
        _symbol = symbol_;
    }

    /// @notice Mints `value` fragments to `to` (anyone may call: test token).
    function mint(address to, uint256 value) external {
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        uint256 gons = value * _gonsPerFragment;
        _totalGons += gons;
        _gons[to] += gons;
        emit Transfer(address(0), to, value);
    }

    /// @notice Scales every balance by `1 + bps / 10,000` (anyone may call: test token).
    /// @param bps basis points, > -10,000 (for example 500 = +5%, -250 = -2.5%)
    function rebase(int256 bps) external {
        if (bps <= -10_000 || bps > 1_000_000) revert MockRebaseOutOfRange(bps);
        uint256 next = (_gonsPerFragment * 10_000) / uint256(10_000 + bps);
        if (next == 0) revert MockRebaseOutOfRange(bps);
        _gonsPerFragment = next;
        emit Rebased(bps, next);
    }

    /// @notice Gons per fragment (the inverse of the rebase index).
    function gonsPerFragment() external view returns (uint256) {
        return _gonsPerFragment;
    }

    /// @inheritdoc IERC20Metadata
    function name() external view returns (string memory) {
        return _name;
    }

    /// @inheritdoc IERC20Metadata
    function symbol() external view returns (string memory) {
        return _symbol;
    }

    /// @inheritdoc IERC20Metadata
    function decimals() external pure returns (uint8) {
        return 18;
    }

    /// @inheritdoc IERC20
    function totalSupply() external view returns (uint256) {
        return _totalGons / _gonsPerFragment;
    }

    /// @inheritdoc IERC20
    function balanceOf(address account) public view returns (uint256) {
        return _gons[account] / _gonsPerFragment;
    }

    /// @inheritdoc IERC20
    function allowance(address owner, address spender) external view returns (uint256) {
        return _allowances[owner][spender];
    }

    /// @inheritdoc IERC20
    function approve(address spender, uint256 value) external returns (bool) {
        if (spender == address(0)) revert ERC20InvalidSpender(address(0));
        _allowances[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    /// @inheritdoc IERC20
    function transfer(address to, uint256 value) external returns (bool) {
        _transfer(msg.sender, to, value);
        return true;
    }

    /// @inheritdoc IERC20
    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = _allowances[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < value) revert ERC20InsufficientAllowance(msg.sender, allowed, value);
            _allowances[from][msg.sender] = allowed - value;
        }
        _transfer(from, to, value);
        return true;
    }

    function _transfer(address from, address to, uint256 value) private {
        if (to == address(0)) revert ERC20InvalidReceiver(address(0));
        uint256 balance = balanceOf(from);
        if (balance < value) revert ERC20InsufficientBalance(from, balance, value);
        uint256 gons = value * _gonsPerFragment;
        _gons[from] -= gons;
        _gons[to] += gons;
        emit Transfer(from, to, value);
    }
}
