import type { DemoStep } from "../../kit/preset";
export const CAESAR_DEMO_STEPS: readonly DemoStep[] = [];
