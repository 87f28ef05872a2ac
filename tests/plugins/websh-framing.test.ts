import { describe, expect, it } from '@jest/globals';
import { findEndMarker, findStartMarker, frameCommand, FrameReader } from '../../plugins/websh/framing.js';

/** The markers are found by plain string search; these are the cases the former regular expressions decided. */
describe('Websh frame markers', () => {
  const id = 'abc123000001';

  it('finds the start marker followed by any carriage returns and a line feed, and nothing less', () => {
    expect(findStartMarker(`echo __AMS_%s__\r\n__AMS_${id}__\r\nout`, id)).toBe(`echo __AMS_%s__\r\n__AMS_${id}__\r\n`.length);
    expect(findStartMarker(`__AMS_${id}__\r\r\nout`, id)).toBe(`__AMS_${id}__\r\r\n`.length);
    expect(findStartMarker(`__AMS_${id}__\r`, id)).toBe(-1);
    expect(findStartMarker(`__AMS_${id}__x\n__AMS_${id}__\nout`, id)).toBe(`__AMS_${id}__x\n__AMS_${id}__\n`.length);
    expect(findStartMarker(`__AMS_other__\n`, id)).toBe(-1);
  });

  it('finds the end marker with its status and where its line break begins', () => {
    expect(findEndMarker(`out\r\r\n__AME_${id}_0__\r\n`, id)).toEqual({ index: 3, exitCode: 0 });
    expect(findEndMarker(`out\n__AME_${id}_127__`, id)).toEqual({ index: 3, exitCode: 127 });
    // incomplete: no digits yet, digits without the closing underscores, or a status that is not a number
    expect(findEndMarker(`out\n__AME_${id}_`, id)).toBeUndefined();
    expect(findEndMarker(`out\n__AME_${id}_12`, id)).toBeUndefined();
    expect(findEndMarker(`out\n__AME_${id}_12_`, id)).toBeUndefined();
    expect(findEndMarker(`out\n__AME_${id}_x__\n__AME_${id}_3__`, id)).toEqual({ index: `out\n__AME_${id}_x__`.length, exitCode: 3 });
    expect(findEndMarker(`__AME_${id}_0__`, id)).toBeUndefined();
  });

  it('reads a command whose markers arrive split at every possible point', () => {
    const frame = frameCommand('echo hi');
    const stream = `$ ${frame.line}\r\n__AMS_${frame.id}__\r\nhi\r\n\r\n__AME_${frame.id}_42__\r\n$ `;
    for (let cut = 1; cut < stream.length; cut += 1) {
      const reader = new FrameReader(frame.id);
      const done = [reader.push(stream.slice(0, cut)), reader.push(stream.slice(cut))];
      expect(done[1]).toBe(true);
      expect(reader.result()).toMatchObject({ raw: 'hi\r\n', exitCode: 42 });
    }
  });
});
