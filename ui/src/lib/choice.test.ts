import { describe, expect, it } from 'vitest';
import { sideChoice, sideOfChoice, versionChoice, versionOfChoice } from './choice';

describe('a choice of the draft or a version', () => {
  it('encodes a version as v:<id> and reads it back', () => {
    expect(versionChoice(12)).toBe('v:12');
    expect(versionOfChoice('v:12')).toBe(12);
    expect(versionOfChoice('draft')).toBeNull();
    expect(versionOfChoice('many')).toBeNull();
  });

  it('encodes the sides of a comparison', () => {
    expect(sideChoice({ kind: 'version', version_id: 3 })).toBe('v:3');
    expect(sideChoice({ kind: 'draft', guide_id: 7 })).toBe('draft');
    expect(sideOfChoice('v:3', 7)).toEqual({ kind: 'version', version_id: 3 });
    expect(sideOfChoice('draft', 7)).toEqual({ kind: 'draft', guide_id: 7 });
  });
});
