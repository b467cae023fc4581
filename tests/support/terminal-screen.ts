/**
 * What a terminal would show after receiving `output`: a tiny emulator of the
 * control sequences Node's readline writes (cursor moves, erasing), enough to
 * check what a person sees rather than which bytes were sent. Colour and other
 * sequences are ignored; a line break also returns the carriage, as a
 * terminal's line discipline does; text wraps at `columns`.
 */
export function renderScreen(output: string, columns = 80): string[] {
  const screen: string[][] = [[]];
  let row = 0;
  let col = 0;
  const line = (index: number): string[] => {
    while (screen.length <= index) screen.push([]);
    return screen[index]!;
  };
  const put = (char: string): void => {
    if (col >= columns) {
      row++;
      col = 0;
    }
    const cells = line(row);
    while (cells.length < col) cells.push(' ');
    cells[col] = char;
    col++;
  };
  // eslint-disable-next-line no-control-regex -- reading control sequences is the point
  const tokens = output.match(/\u001b\[[0-9;?]*[A-Za-z]|\u001b[^[]|[\s\S]/g) ?? [];
  for (const token of tokens) {
    if (token === '\n') {
      row++;
      col = 0;
      line(row);
    } else if (token === '\r') col = 0;
    else if (token.startsWith('\u001b[')) {
      const command = token.at(-1)!;
      const params = token.slice(2, -1).replace('?', '');
      const n = params === '' ? 1 : Number(params.split(';')[0]);
      if (command === 'A') row = Math.max(0, row - n);
      else if (command === 'B') row += n;
      else if (command === 'C') col += n;
      else if (command === 'D') col = Math.max(0, col - n);
      else if (command === 'G') col = n - 1;
      else if (command === 'J') {
        screen.splice(row + 1);
        line(row).splice(col);
      } else if (command === 'K') {
        if (params === '2') line(row).splice(0);
        else if (params === '1') line(row).fill(' ', 0, col + 1);
        else line(row).splice(col);
      }
    } else if (!token.startsWith('\u001b')) put(token);
  }
  return screen.map((cells) => cells.join('').trimEnd());
}
