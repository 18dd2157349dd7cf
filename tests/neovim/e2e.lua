-- Headless Neovim as a real LSP client of `okr-lint server`.
-- Env: OKR_LINT_BIN (the binary), OKR_FILE (file to open), OKR_OUT (JSON result).
local bin, file, out = os.getenv("OKR_LINT_BIN"), os.getenv("OKR_FILE"), os.getenv("OKR_OUT")
vim.cmd("edit " .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local client_id = vim.lsp.start_client({
  name = "okr-lint",
  cmd = { bin, "server" },
  root_dir = vim.fn.fnamemodify(file, ":p:h"),
})
vim.lsp.buf_attach_client(bufnr, client_id)
local ok = vim.wait(15000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50)
local result = {}
for _, d in ipairs(vim.diagnostic.get(bufnr)) do
  local lsp = (d.user_data or {}).lsp or {}
  table.insert(result, { lnum = d.lnum, col = d.col, severity = d.severity, code = d.code or lsp.code, message = d.message })
end
local client = vim.lsp.get_client_by_id(client_id)
local encoding = client and client.offset_encoding or "?"
vim.fn.writefile({ vim.fn.json_encode({ attached = ok, encoding = encoding, diagnostics = result }) }, out)
vim.lsp.stop_client(client_id)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 50)
vim.cmd("qa!")
