import { describe, expect, it } from 'vitest';
import { INSTALL_SCRIPT, requireSystemTool } from './system-tools';

describe('requireSystemTool', () => {
  const absent = {
    name: 'nothing-here',
    paths: ['/nonexistent/nothing-here'],
    debianPackage: 'nothing-here',
  };

  it('fails for a missing tool with a message naming the script that installs it, and installs nothing', () => {
    expect(() => requireSystemTool(absent)).toThrow(
      `nothing-here was not found in /nonexistent/nothing-here. Run \`bash ${INSTALL_SCRIPT}\` (the README's test command does), or install Debian's nothing-here.`,
    );
  });

  it('finds a tool where it is', () => {
    expect(requireSystemTool({ ...absent, paths: ['/nonexistent/x', process.execPath] })).toBe(
      process.execPath,
    );
  });
});
