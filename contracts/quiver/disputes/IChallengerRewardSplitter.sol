// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IChallengerRewardSplitter
/// @notice Receives the challenger leg of one upheld dispute's slash (ProviderStaking pays it when the slash
/// is final) and shares it equally among that dispute's challengers (SEC-01: one reward per incident). The
/// DisputeManager deploys one minimal clone per upheld dispute with several challengers.
/// @dev Each challenger may release `floor(received / challengers) - released` at any time, where `received`
/// counts everything the clone ever held; the remainder below `challengers` wei stays in the clone.
interface IChallengerRewardSplitter {
    /// @notice `challenger` received `amount` (its total after: `released`).
    event ChallengerRewardReleased(address indexed challenger, uint256 amount, uint256 released);

    /// @notice `account` is not a challenger of the dispute.
    error SplitterNotChallenger(address account);
    /// @notice Nothing is due to `challenger` now.
    error SplitterNothingDue(address challenger);

    /// @notice Pays `challenger` its share of what the clone received so far. Anyone may call.
    /// @param challenger a challenger of the dispute
    function release(address challenger) external;

    /// @notice The wei `challenger` could release now.
    /// @param challenger a challenger of the dispute
    function releasable(address challenger) external view returns (uint256);

    /// @notice The dispute manager, the dispute and the token (the clone's immutable arguments).
    function terms() external view returns (address disputeManager, bytes32 disputeId, address token);
}
