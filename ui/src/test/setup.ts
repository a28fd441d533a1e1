import '@testing-library/jest-dom/vitest';

// jsdom has no canvas; axe-core probes one for icon ligatures. Report "no 2D context" quietly.
HTMLCanvasElement.prototype.getContext = (() => null) as typeof HTMLCanvasElement.prototype.getContext;
