;; Emacs 29+ with eglot (built in) and yaml-mode: put this in init.el.
(define-derived-mode infra-yaml-mode yaml-mode "Infra-YAML")
(add-to-list 'auto-mode-alist '("\\.infra\\.ya?ml\\'" . infra-yaml-mode))
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs
               '(infra-yaml-mode . ("infra-yaml-language-server" "--stdio"))))
(add-hook 'infra-yaml-mode-hook #'eglot-ensure)
