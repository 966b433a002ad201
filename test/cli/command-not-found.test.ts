import { describe, expect, it } from 'vitest';
import { unknownCommand } from '../../src/cli/hooks/command-not-found.js';

const ids = ['schedule:create', 'schedule:list', 'schedule:get', 'var:put', 'var:get', 'token:list', 'login', 'logout', 'status'];

describe('an unknown command', () => {
  it('is named with the command meant, when its words are close to one, and where the commands are listed', () => {
    expect(unknownCommand('schedule:lst', ids)).toBe('unknown command "schedule lst" (did you mean "schedule list"?); "parallax schedule --help" lists its commands');
    expect(unknownCommand('schedul:list', ids)).toBe('unknown command "schedul list" (did you mean "schedule list"?); "parallax --help" lists the commands');
    expect(unknownCommand('tokens:list', ids)).toBe('unknown command "tokens list" (did you mean "token list"?); "parallax --help" lists the commands');
    expect(unknownCommand('scheduel', ids)).toBe('unknown command "scheduel" (did you mean "schedule"?); "parallax --help" lists the commands');
    expect(unknownCommand('logn', ids)).toBe('unknown command "logn" (did you mean "login"?); "parallax --help" lists the commands');
  });

  it('shows the command without its arguments, and guesses nothing when nothing is close', () => {
    expect(unknownCommand('var:pt:key:value', ids)).toBe('unknown command "var pt" (did you mean "var put"?); "parallax var --help" lists its commands');
    expect(unknownCommand('schedule:frobnicate', ids)).toBe('unknown command "schedule frobnicate"; "parallax schedule --help" lists its commands');
    expect(unknownCommand('frobnicate', ids)).toBe('unknown command "frobnicate"; "parallax --help" lists the commands');
    // A mistyped topic is named even when the command in it is not recognised.
    expect(unknownCommand('schedul:frobnicate', ids)).toBe('unknown command "schedul frobnicate" (did you mean "schedule"?); "parallax --help" lists the commands');
  });
});
